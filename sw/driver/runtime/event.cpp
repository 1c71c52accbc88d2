#include "tessera/driver/event.h"

#include "context.h"

namespace tessera::driver {

namespace {

const Status kNotRecorded{ErrorCode::kInvalidValue, "the event has not been recorded"};

}  // namespace

Status Event::query() const {
  if (!recorded()) return kNotRecorded;
  const auto outcome = context_->outcome(*submission_);
  if (!outcome.done) return {ErrorCode::kNotReady, submission_->name() + " has not completed yet"};
  return outcome.result;
}

Status Event::synchronize(std::chrono::milliseconds timeout) const {
  if (!recorded()) return kNotRecorded;
  return context_->wait(*submission_, timeout);
}

uint64_t Event::start_ns() const {
  return recorded() ? context_->outcome(*submission_).start_ns : 0;
}

uint64_t Event::end_ns() const {
  return recorded() ? context_->outcome(*submission_).end_ns : 0;
}

std::vector<OpProfile> Event::ops() const {
  return recorded() ? context_->outcome(*submission_).ops : std::vector<OpProfile>{};
}

Status Event::elapsed_ms(const Event& start, const Event& end, double* ms) {
  if (!start.recorded() || !end.recorded() || ms == nullptr) return kNotRecorded;
  const auto a = start.context_->outcome(*start.submission_);
  const auto b = end.context_->outcome(*end.submission_);
  if (!a.done || !b.done) return {ErrorCode::kNotReady, "elapsed_ms needs both events complete"};
  *ms = (static_cast<double>(b.end_ns) - static_cast<double>(a.end_ns)) / 1e6;
  return {};
}

}  // namespace tessera::driver
