#include "reservation_timeline.h"

#include <algorithm>
#include <iomanip>

namespace tessera {

ReservationTimeline::Ticks ReservationTimeline::reserve(Ticks earliest_start, Ticks duration,
                                                        Ticks now) {
  if (duration == 0) return earliest_start;
  // Small trees are fast trees: pruning whenever time has moved measured fastest on
  // tessera-noc (docs/performance.md), and it keeps memory tight.
  if (now > pruned_to_) prune_before(now);
  const Ticks t = earliest_start;
  Ticks start;
  if (t >= tail_start_) {  // after every booking: the common case at low load
    start = t;
    const Ticks idle_from = std::max(tail_start_, now);  // idle time before now is no use
    if (t > idle_from) insert(idle_from, t);
    tail_start_ = t + duration;
  } else {
    Index gap = floor(t);  // the gap holding t, if any, is the first candidate
    if (gap && nodes_[gap].end >= t + duration) {
      start = t;
    } else {
      gap = first_fit_after(root_, t, duration);
      start = gap ? nodes_[gap].start : tail_start_;
    }
    if (gap) {
      const Ticks a = nodes_[gap].start, b = nodes_[gap].end, end = start + duration;
      if (start == a && end == b) {
        root_ = erase(root_, a);
      } else if (start == a) {
        root_ = reshape(root_, a, end, b);
      } else {
        root_ = reshape(root_, a, a, start);
        if (end < b) insert(end, b);
      }
    } else {
      tail_start_ = start + duration;
    }
  }
  busy_ += duration;
  waited_ += start - t;
  ++reservations_;
  return start;
}

sc_core::sc_time ReservationTimeline::reserve(const sc_core::sc_time& earliest_start,
                                              const sc_core::sc_time& duration) {
  return sc_core::sc_time::from_value(
      reserve(earliest_start.value(), duration.value(), sc_core::sc_time_stamp().value()));
}

void ReservationTimeline::prune_before(Ticks horizon) {
  pruned_to_ = std::max(pruned_to_, horizon);
  while (root_) {
    Index first = root_;
    while (nodes_[first].left) first = nodes_[first].left;
    if (nodes_[first].end > horizon) return;
    root_ = erase(root_, nodes_[first].start);
  }
}

double ReservationTimeline::busy_fraction(Ticks now) const {
  const Ticks elapsed = std::max(now, tail_start_);
  return elapsed ? static_cast<double>(busy_) / static_cast<double>(elapsed) : 0.0;
}

ReservationTimeline::Index ReservationTimeline::make_gap(Ticks start, Ticks end) {
  random_ ^= random_ << 13;  // xorshift32
  random_ ^= random_ >> 17;
  random_ ^= random_ << 5;
  ++gap_count_;
  Index n;
  if (free_.empty()) {
    n = static_cast<Index>(nodes_.size());
    nodes_.emplace_back();
  } else {
    n = free_.back();
    free_.pop_back();
  }
  Gap& g = nodes_[n];
  g.start = start;
  g.end = end;
  g.longest = end - start;
  g.priority = random_;
  g.left = g.right = 0;
  return n;
}

void ReservationTimeline::release(Index n) {
  free_.push_back(n);
  --gap_count_;
}

void ReservationTimeline::update(Index n) {
  Gap& g = nodes_[n];
  g.longest = std::max({g.end - g.start, longest(g.left), longest(g.right)});
}

ReservationTimeline::Index ReservationTimeline::merge(Index left, Index right) {
  if (!left || !right) return left ? left : right;
  if (nodes_[left].priority > nodes_[right].priority) {
    nodes_[left].right = merge(nodes_[left].right, right);
    update(left);
    return left;
  }
  nodes_[right].left = merge(left, nodes_[right].left);
  update(right);
  return right;
}

void ReservationTimeline::split(Index tree, Ticks key, Index& less, Index& not_less) {
  if (!tree) {
    less = not_less = 0;
    return;
  }
  Gap& g = nodes_[tree];
  if (g.start < key) {
    split(g.right, key, g.right, not_less);
    less = tree;
  } else {
    split(g.left, key, less, g.left);
    not_less = tree;
  }
  update(tree);
}

void ReservationTimeline::insert(Ticks start, Ticks end) {
  const Index n = make_gap(start, end);  // first: it may grow nodes_
  root_ = insert(root_, n);
}

// Descends by key until the new gap's priority wins, and splits only the subtree below it.
ReservationTimeline::Index ReservationTimeline::insert(Index tree, Index n) {
  Gap& g = nodes_[tree];
  Gap& added = nodes_[n];
  if (!tree || added.priority > g.priority) {
    split(tree, added.start, added.left, added.right);
    update(n);
    return n;
  }
  if (added.start < g.start)
    g.left = insert(g.left, n);
  else
    g.right = insert(g.right, n);
  update(tree);
  return tree;
}

ReservationTimeline::Index ReservationTimeline::erase(Index tree, Ticks start) {
  Gap& g = nodes_[tree];
  if (g.start == start) {
    const Index rest = merge(g.left, g.right);
    release(tree);
    return rest;
  }
  if (start < g.start)
    g.left = erase(g.left, start);
  else
    g.right = erase(g.right, start);
  update(tree);
  return tree;
}

// Gives the gap keyed `key` new bounds inside its old ones, so the order of keys holds.
ReservationTimeline::Index ReservationTimeline::reshape(Index tree, Ticks key, Ticks start,
                                                        Ticks end) {
  Gap& g = nodes_[tree];
  if (g.start == key) {
    g.start = start;
    g.end = end;
  } else if (key < g.start) {
    g.left = reshape(g.left, key, start, end);
  } else {
    g.right = reshape(g.right, key, start, end);
  }
  update(tree);
  return tree;
}

ReservationTimeline::Index ReservationTimeline::floor(Ticks t) const {
  Index best = 0;
  for (Index n = root_; n;) {
    if (nodes_[n].start <= t) {
      best = n;
      n = nodes_[n].right;
    } else {
      n = nodes_[n].left;
    }
  }
  return best;
}

// The leftmost gap starting after t and at least `duration` long. Subtrees wholly after t are
// searched by their `longest` alone, so the cost is one root-to-leaf path plus one descent.
ReservationTimeline::Index ReservationTimeline::first_fit_after(Index tree, Ticks t,
                                                                Ticks duration) const {
  if (!tree || longest(tree) < duration) return 0;
  const Gap& g = nodes_[tree];
  if (g.start <= t) return first_fit_after(g.right, t, duration);
  if (const Index left = first_fit_after(g.left, t, duration)) return left;
  if (g.end - g.start >= duration) return tree;
  return first_fit_after(g.right, t, duration);
}

void BookedResource::report(std::ostream& out, const std::string& key, const char* uses_name,
                            Ticks now, Ticks cycle) const {
  const std::ios_base::fmtflags flags = out.flags();
  const double wait = uses ? static_cast<double>(timeline.waited_ticks()) / cycle / uses : 0.0;
  out << std::fixed << std::setprecision(4) << key << ".bytes: " << bytes << "\n"
      << key << "." << uses_name << ": " << uses << "\n"
      << key << ".busy: " << timeline.busy_fraction(now) << "\n"
      << key << ".avg_wait_cycles: " << wait << "\n";
  out.flags(flags);
}

}  // namespace tessera
