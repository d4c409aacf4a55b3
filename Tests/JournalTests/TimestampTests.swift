import Foundation
import Testing
import Journal

/// The `at` of a one-line log `{"at":S,"text":"a"}`, with its offset; or the error text.
private func at(_ s: String) -> Result<(Date, Int), LogLineError> {
    let line = #"{"at":"\#(s)","text":"a"}"#
    return readAll(line).first!.map { ($0.at!, $0.utcOffset!) }
}

private func time(_ s: String) -> Date? { try? at(s).get().0 }
private func offset(_ s: String) -> Int? { try? at(s).get().1 }

@Suite("ISO 8601 times in the log")
struct TimestampTests {
    @Test func formsOfTheSameInstant() {
        for s in ["2026-11-26T11:00:05.000+08:00", "2026-11-26T11:00:05+08:00", "2026-11-26T03:00:05Z",
                  "2026-11-26T03:00:05.000z", "2026-11-26t03:00:05+00:00", "2026-11-26T11:00:05+0800",
                  "2026-11-25T21:30:05-05:30", "2026-11-26T03:00:05.000000000Z"] {
            #expect(time(s) == at0, "\(s)")
        }
    }

    @Test func offsets() {
        #expect(offset("2026-11-26T11:00:05.000+08:00") == 28_800)
        #expect(offset("2026-11-26T03:00:05Z") == 0)
        #expect(offset("2026-11-25T21:30:05-05:30") == -19_800)
    }

    @Test func fractions() throws {
        let t = try #require(time("2026-11-26T11:00:05.5+08:00"))
        #expect(abs(t.timeIntervalSince(at0) - 0.5) < 1e-9)
        let u = try #require(time("2026-11-26T11:00:05.123456+08:00"))
        #expect(abs(u.timeIntervalSince(at0) - 0.123456) < 1e-6)
    }

    /// Fractions of 1 to 20 digits give the same instant as the whole seconds plus `Double("0.…")`
    /// (short ones are read as digits, long ones through a string).
    @Test func fractionDigitsExactly() throws {
        for digits in ["7", "25", "999", "001", "123456789", "000000000000001", "987654321098765",
                       "1234567890123456", "99999999999999999999"] {
            let t = try #require(time("2026-11-26T03:00:05.\(digits)Z"), "\(digits)")
            let expected = Date(timeIntervalSince1970: 1_795_662_005 + (try #require(Double("0." + digits))))
            #expect(t == expected, "\(digits)")
        }
    }

    @Test func calendarEdges() {
        #expect(time("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
        #expect(time("2024-02-29T00:00:00Z") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(time("2000-03-01T00:00:00Z") == Date(timeIntervalSince1970: 951_868_800))
        #expect(time("1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
    }

    @Test func rejected() {
        for s in ["yesterday", "", "2026-11-26", "2026-11-26 11:00:05+08:00", "2026-13-01T00:00:00Z",
                  "2025-02-29T00:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T11:60:00Z", "2026-11-26T11:00:60Z",
                  "2026-11-26T11:00:05.Z", "2026-11-26T11:00:05+8:00", "2026-11-26T11:00:05+24:00",
                  "2026-11-26T11:00:05Z ", "26-11-26T11:00:05Z", "２０２６-11-26T11:00:05Z"] {
            guard case .failure(let e) = at(s) else { Issue.record("accepted \(s)"); continue }
            #expect(e.reason.hasPrefix(#""at" is not an ISO 8601 time: "#), "\(s): \(e.reason)")
        }
    }

    @Test func noOffsetSaysSo() {
        guard case .failure(let e) = at("2026-11-26T11:00:05.000") else { Issue.record("accepted"); return }
        #expect(e.description == #"line 1: "at" has no UTC offset (add Z or one like +08:00): "2026-11-26T11:00:05.000""#)
    }
}
