#include "common/reservation_timeline.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace tessera {
namespace {

TEST(ReservationTimeline, BooksInArrivalOrderBackToBack) {
  ReservationTimeline t;
  EXPECT_EQ(t.reserve(0, 10, 0), 0u);
  EXPECT_EQ(t.reserve(0, 10, 0), 10u);
  EXPECT_EQ(t.reserve(5, 10, 0), 20u);
  EXPECT_EQ(t.reserve(40, 10, 0), 40u);  // after an idle stretch
  EXPECT_EQ(t.reserved_until(), 50u);
}

TEST(ReservationTimeline, LateRequestsFillEarlierGapsThatFit) {
  ReservationTimeline t;
  // Decoupled initiators: the booking at 100 is made before the ones at 0 and 20.
  EXPECT_EQ(t.reserve(100, 10, 0), 100u);
  EXPECT_EQ(t.reserve(0, 10, 0), 0u);
  EXPECT_EQ(t.reserve(20, 30, 0), 20u);
  // Busy: [0,10) [20,50) [100,110). Free: [10,20) [50,100) [110,...).
  EXPECT_EQ(t.reserve(0, 60, 0), 110u);  // no gap is long enough
  EXPECT_EQ(t.reserve(0, 50, 0), 50u);   // fills [50,100) exactly
  EXPECT_EQ(t.reserve(0, 10, 0), 10u);   // fills [10,20) exactly
  EXPECT_EQ(t.gap_count(), 0u);          // no gap left before the tail
  EXPECT_EQ(t.reserve(0, 1, 0), 170u);
}

TEST(ReservationTimeline, RequestInsideABookingWaitsForItsEnd) {
  ReservationTimeline t;
  t.reserve(10, 20, 0);
  EXPECT_EQ(t.reserve(15, 5, 0), 30u);
  EXPECT_EQ(t.reserve(0, 10, 0), 0u);  // fits the gap before it exactly
  EXPECT_EQ(t.reserve(0, 1, 0), 35u);
}

TEST(ReservationTimeline, ZeroDurationBooksNothing) {
  ReservationTimeline t;
  t.reserve(0, 10, 0);
  EXPECT_EQ(t.reserve(5, 0, 0), 5u);
  EXPECT_EQ(t.reservations(), 1u);
  EXPECT_EQ(t.reserve(0, 10, 0), 10u);
}

TEST(ReservationTimeline, KeepsBusyAndWaitingTotals) {
  ReservationTimeline t;
  t.reserve(0, 10, 0);
  t.reserve(0, 10, 0);  // waits 10
  t.reserve(5, 10, 0);  // waits 15
  EXPECT_EQ(t.busy_ticks(), 30u);
  EXPECT_EQ(t.waited_ticks(), 25u);
  EXPECT_EQ(t.reservations(), 3u);
  EXPECT_DOUBLE_EQ(t.busy_fraction(60), 0.5);
  EXPECT_DOUBLE_EQ(t.busy_fraction(0), 1.0);  // elapsed is at least the last booking's end
}

TEST(ReservationTimeline, ForgetsThePastSoMemoryStaysBounded) {
  ReservationTimeline t;
  // One booking every 10 ticks leaves a 5-tick gap each time.
  for (uint64_t now = 0; now < 1000000; now += 10) t.reserve(now + 5, 5, now);
  EXPECT_LE(t.gap_count(), 2u);
  EXPECT_EQ(t.reservations(), 100000u);
  // Pruning forgets gaps, not statistics.
  EXPECT_EQ(t.busy_ticks(), 500000u);
}

TEST(ReservationTimeline, SystemCTimeOverloadUsesTheSameTimeline) {
  using sc_core::SC_NS;
  using sc_core::sc_time;
  ReservationTimeline t;
  EXPECT_EQ(t.reserve(sc_time(10, SC_NS), sc_time(5, SC_NS)), sc_time(10, SC_NS));
  EXPECT_EQ(t.reserve(sc_time(12, SC_NS), sc_time(5, SC_NS)), sc_time(15, SC_NS));
}

// Against a brute-force model: a bit per tick, first fit by scanning. Requests scatter up to
// 200 ticks ahead of a slowly advancing now, at about 80% load: many gaps, filled out of order.
TEST(ReservationTimeline, MatchesFirstFitOverABusyBitmap) {
  std::vector<bool> busy(40000, false);
  ReservationTimeline t;
  std::mt19937_64 random(7);
  uint64_t now = 0;
  for (int i = 0; i < 5000; ++i) {
    now += 1 + random() % 4;
    const uint64_t earliest = now + random() % 200, duration = 1 + random() % 4;
    uint64_t expected = earliest;
    for (;; ++expected) {
      ASSERT_LT(expected + duration, busy.size());
      bool fits = true;
      for (uint64_t k = 0; k < duration && fits; ++k) fits = !busy[expected + k];
      if (fits) break;
    }
    for (uint64_t k = 0; k < duration; ++k) busy[expected + k] = true;
    ASSERT_EQ(t.reserve(earliest, duration, now), expected) << "request " << i;
  }
  EXPECT_GT(t.waited_ticks(), 0u);  // there was contention
  EXPECT_LT(t.gap_count(), 200u);   // and the past was forgotten
}

}  // namespace
}  // namespace tessera
