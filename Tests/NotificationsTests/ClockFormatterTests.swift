import Foundation
import Session
import Testing

/// The one clock formatter (journal and jsonl `at`, text-line and dashboard clocks).
@Suite struct ClockFormatterTests {
    let shanghai = ClockFormatter(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    let utc = ClockFormatter(timeZone: TimeZone(identifier: "UTC")!)

    @Test func isoWithMillisecondsAndOffset() {
        let at = Date(timeIntervalSince1970: 1_795_662_040.159)
        #expect(shanghai.iso(at) == "2026-11-26T11:00:40.159+08:00")
        #expect(utc.iso(at) == "2026-11-26T03:00:40.159+00:00")
        #expect(shanghai.clock(at, milliseconds: true) == "11:00:40.159")
        #expect(shanghai.clock(at, milliseconds: false) == "11:00:40")
    }

    @Test func roundsToTheMillisecondAcrossSecondMinuteAndDay() {
        #expect(utc.iso(Date(timeIntervalSince1970: 1_795_651_199.9996)) == "2026-11-26T00:00:00.000+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: 1_795_651_199.9994)) == "2026-11-25T23:59:59.999+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: -86_400 * 365)) == "1969-01-01T00:00:00.000+00:00")
    }

    @Test func theCachedDayIsLeftWhenTimeMovesOnOrBack() {
        let midnight = 1_795_651_200.0   // 2026-11-26T00:00:00Z
        #expect(utc.iso(Date(timeIntervalSince1970: midnight + 5)) == "2026-11-26T00:00:05.000+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: midnight - 1)) == "2026-11-25T23:59:59.000+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: midnight + 86_399)) == "2026-11-26T23:59:59.000+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: midnight + 86_400)) == "2026-11-27T00:00:00.000+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: midnight + 5)) == "2026-11-26T00:00:05.000+00:00")
    }

    @Test func leapDaysAndYearEnds() {
        #expect(utc.iso(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: 4_107_542_399)) == "2100-02-28T23:59:59.000+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: 4_107_542_400)) == "2100-03-01T00:00:00.000+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: 1_798_761_599)) == "2026-12-31T23:59:59.000+00:00")
    }

    @Test func daylightSavingTransitionsChangeTheOffsetAtTheRightSecond() {
        let ny = ClockFormatter(timeZone: TimeZone(identifier: "America/New_York")!)
        // 2026-03-08 07:00:00Z: 02:00 EST becomes 03:00 EDT.
        let spring = 1_772_953_200.0
        #expect(ny.iso(Date(timeIntervalSince1970: spring - 3_600)) == "2026-03-08T01:00:00.000-05:00")   // caches the day
        #expect(ny.iso(Date(timeIntervalSince1970: spring - 1)) == "2026-03-08T01:59:59.000-05:00")
        #expect(ny.iso(Date(timeIntervalSince1970: spring)) == "2026-03-08T03:00:00.000-04:00")
        #expect(ny.iso(Date(timeIntervalSince1970: spring + 3_600)) == "2026-03-08T04:00:00.000-04:00")
        #expect(ny.iso(Date(timeIntervalSince1970: spring - 1)) == "2026-03-08T01:59:59.000-05:00")
        // 2026-11-01 06:00:00Z: 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
        let fall = 1_793_512_800.0
        #expect(ny.iso(Date(timeIntervalSince1970: fall - 1_800)) == "2026-11-01T01:30:00.000-04:00")
        #expect(ny.iso(Date(timeIntervalSince1970: fall + 1_800)) == "2026-11-01T01:30:00.000-05:00")
        #expect(ny.iso(Date(timeIntervalSince1970: fall + 82_799)) == "2026-11-01T23:59:59.000-05:00")
    }

    @Test func oddOffsetsAndOddInstants() {
        let kathmandu = ClockFormatter(timeZone: TimeZone(identifier: "Asia/Kathmandu")!)
        #expect(kathmandu.iso(Date(timeIntervalSince1970: 1_795_662_005)) == "2026-11-26T08:45:05.000+05:45")
        let minus = ClockFormatter(timeZone: TimeZone(secondsFromGMT: -(5 * 3600 + 30 * 60))!)
        #expect(minus.iso(Date(timeIntervalSince1970: 1_795_662_005)) == "2026-11-25T21:30:05.000-05:30")
        #expect(utc.iso(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00.000+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: .infinity)) == "1970-01-01T00:00:00.000+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59.999+00:00")
        #expect(utc.iso(Date(timeIntervalSince1970: -1e300)) == "0001-01-01T00:00:00.000+00:00")
    }

    @Test func appendsToWhatTheBufferHolds() {
        var out = Array("at=".utf8)
        utc.appendISO(Date(timeIntervalSince1970: 0), to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "at=1970-01-01T00:00:00.000+00:00")
    }

    @Test func civilDatesRoundTripOverFourCenturies() {
        var days = CivilDate.days(year: 1900, month: 1, day: 1)
        let end = CivilDate.days(year: 2300, month: 12, day: 31)
        while days <= end {
            let (y, m, d) = CivilDate.fromDays(days)
            #expect(CivilDate.days(year: y, month: m, day: d) == days)
            days += 17
        }
        let epoch = CivilDate.fromDays(0), before = CivilDate.fromDays(-1)
        #expect(epoch.year == 1970 && epoch.month == 1 && epoch.day == 1)
        #expect(before.year == 1969 && before.month == 12 && before.day == 31)
    }
}
