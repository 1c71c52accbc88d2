// ReservationTimeline: one shared resource (a NoC link, a DRAM channel, an SRAM bank) booked in
// intervals of simulated time, so loosely-timed initiators see contention without SystemC
// processes or events.
//
// reserve() grants the earliest start >= the requested one at which the resource is free for
// the whole duration. Temporally decoupled initiators call out of time order, so a request may
// land in a gap before bookings made earlier. The timeline stores its free gaps, not its
// bookings: a treap keyed by gap start and augmented with the longest gap of each subtree, so
// finding the first gap that fits and booking it cost O(log gaps). Nodes live in a vector with
// a free list: no heap allocation once the timeline has reached its working size.
// A gap that ends before the current time can never be granted (no initiator's local time is
// behind it): reserve() drops such gaps, so memory stays bounded by the bookings ahead of
// simulated time, and the tree small. The caller says what "now" is:
// sc_time_stamp() for SystemC blocks, the current cycle for a driver without a scheduler.
//
// Times are SystemC time values (sc_time::value(), "ticks"); the sc_time overloads wrap them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <systemc>
#include <vector>

namespace tessera {

class ReservationTimeline {
 public:
  using Ticks = uint64_t;

  // Books [start, start + duration) at the first start >= earliest_start where it fits, and
  // returns that start. A zero duration books nothing and returns earliest_start. `now` is the
  // current time: no request will ever start before it (earliest_start >= now).
  Ticks reserve(Ticks earliest_start, Ticks duration, Ticks now);
  // The same with now = sc_time_stamp().
  sc_core::sc_time reserve(const sc_core::sc_time& earliest_start,
                           const sc_core::sc_time& duration);

  // Forgets the free time before `horizon`: no later request may start before it.
  void prune_before(Ticks horizon);

  // Statistics over the timeline's whole life (pruning does not forget them).
  Ticks busy_ticks() const { return busy_; }
  Ticks waited_ticks() const { return waited_; }  // sum of granted start - earliest start
  uint64_t reservations() const { return reservations_; }
  Ticks reserved_until() const { return tail_start_; }  // end of the latest booking
  // Busy time over max(now, reserved_until()): the share of elapsed time the resource worked.
  double busy_fraction(Ticks now) const;

  std::size_t gap_count() const { return gap_count_; }  // free gaps tracked (memory in use)

 private:
  using Index = uint32_t;  // into nodes_; 0 is the empty tree
  struct Gap {
    Ticks start, end;
    Ticks longest;  // the longest gap in this subtree
    uint32_t priority;
    Index left, right;
  };

  Index make_gap(Ticks start, Ticks end);
  void release(Index n);
  void update(Index n);
  Index merge(Index left, Index right);
  void split(Index tree, Ticks key, Index& less, Index& not_less);
  void insert(Ticks start, Ticks end);
  Index insert(Index tree, Index n);
  Index erase(Index tree, Ticks start);
  Index reshape(Index tree, Ticks key, Ticks start, Ticks end);
  Index floor(Ticks t) const;
  Index first_fit_after(Index tree, Ticks t, Ticks duration) const;
  Ticks longest(Index n) const { return nodes_[n].longest; }

  std::vector<Gap> nodes_ = std::vector<Gap>(1, Gap{0, 0, 0, 0, 0, 0});
  std::vector<Index> free_;
  Index root_ = 0;
  std::size_t gap_count_ = 0;
  Ticks tail_start_ = 0;           // [tail_start_, forever) is free; it is not in the tree
  Ticks pruned_to_ = 0;            // no gap ends before this
  uint32_t random_ = 0x9e3779b9u;  // treap priorities: deterministic, so runs repeat exactly

  Ticks busy_ = 0, waited_ = 0;
  uint64_t reservations_ = 0;
};

// A contended resource with what it moved: a NoC link, a DRAM channel, an SRAM bank.
struct BookedResource {
  using Ticks = ReservationTimeline::Ticks;
  ReservationTimeline timeline;
  uint64_t bytes = 0, uses = 0;

  // Books the resource (see ReservationTimeline::reserve) for a use moving `moved` bytes.
  Ticks book(Ticks earliest_start, Ticks duration, uint64_t moved, Ticks now) {
    bytes += moved;
    ++uses;
    return timeline.reserve(earliest_start, duration, now);
  }
  // `key.bytes`, `key.<uses_name>`, `key.busy` (busy fraction up to `now`) and
  // `key.avg_wait_cycles` (contention: mean delay of a use behind others) lines.
  void report(std::ostream& out, const std::string& key, const char* uses_name, Ticks now,
              Ticks cycle) const;
};

}  // namespace tessera
