package dev.idxmig.audit;

import dev.idxmig.audit.Evidence.CheckPromise;
import dev.idxmig.audit.Evidence.MeasuredGain;
import dev.idxmig.audit.Evidence.NodeUsage;
import dev.idxmig.audit.Evidence.PromiseState;
import dev.idxmig.audit.Evidence.StatisticsSource;
import dev.idxmig.audit.Evidence.Usage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdict as a pure function of the evidence: each verdict, and the window's edge cases. */
@Tag("unit")
class AuditVerdictTest {
    private static final Instant BUILT = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant SERVER_START = Instant.parse("2026-10-01T00:00:00Z");

    private static Optional<Usage> scans(long n) {
        return Optional.of(new Usage(BUILT, NOW, List.of(new NodeUsage("primary", n, Optional.empty(), SERVER_START,
                StatisticsSource.SERVER_START))));
    }

    private static CheckPromise holds(String check) {
        return new CheckPromise(check, PromiseState.HOLDS, "chosen");
    }

    private static Evidence evidence(boolean adopted, List<CheckPromise> checks, List<MeasuredGain> gains,
                                     Optional<Usage> usage) {
        return new Evidence(adopted, false, checks, gains, usage, Optional.empty());
    }

    @Test
    void scannedWithHoldingChecksAndAMeasuredGainIsDelivered() {
        MeasuredGain gain = new MeasuredGain("by user", OptionalDouble.of(40), OptionalDouble.of(0.5),
                OptionalDouble.of(200));
        AuditVerdict v = AuditVerdict.of(evidence(false, List.of(holds("by user")), List.of(gain), scans(12)));
        assertEquals(Verdict.DELIVERED, v.verdict());
        assertEquals(Optional.of(12L), v.scans());
        assertTrue(v.reasons().contains("by user: median 40.00 ms -> 0.50 ms"), v::toString);
        assertEquals(List.of(), v.warnings());
    }

    @Test
    void scannedWithoutAnyCheckIsUsedNeverProven() {
        AuditVerdict v = AuditVerdict.of(evidence(false, List.of(), List.of(), scans(3)));
        assertEquals(Verdict.USED_NEVER_PROVEN, v.verdict());
        assertEquals("3 scans in 30 days of statistics since it was built", v.reasons().get(0));
    }

    @Test
    void aFailingCheckBreaksThePromiseEvenWhenScanned() {
        CheckPromise fails = new CheckPromise("by user", PromiseState.BROKEN, "Seq Scan on worklogs");
        AuditVerdict v = AuditVerdict.of(evidence(false, List.of(fails), List.of(), scans(99)));
        assertEquals(Verdict.PROMISE_BROKEN, v.verdict());
        assertEquals("check 'by user' fails now: Seq Scan on worklogs", v.reasons().get(0));
    }

    @Test
    void noGainOverTheMeasurementBeforeBreaksThePromise() {
        MeasuredGain none = new MeasuredGain("by user", OptionalDouble.of(2), OptionalDouble.of(2.5),
                OptionalDouble.empty());
        AuditVerdict v = AuditVerdict.of(evidence(false, List.of(holds("by user")), List.of(none), scans(5)));
        assertEquals(Verdict.PROMISE_BROKEN, v.verdict());
        assertTrue(v.reasons().get(0).contains("no measured gain, median 2.00 ms before, 2.50 ms after"), v::toString);
    }

    @Test
    void aMedianOverItsTargetBreaksThePromise() {
        MeasuredGain slow = new MeasuredGain("by user", OptionalDouble.empty(), OptionalDouble.of(250),
                OptionalDouble.of(200));
        AuditVerdict v = AuditVerdict.of(evidence(false, List.of(holds("by user")), List.of(slow), scans(5)));
        assertEquals(Verdict.PROMISE_BROKEN, v.verdict());
        assertTrue(v.reasons().get(0).contains("median 250 ms is over its target 200 ms"), v::toString);
    }

    @Test
    void noScanSinceTheBuildIsUnusedEvenWithHoldingChecks() {
        AuditVerdict v = AuditVerdict.of(evidence(false, List.of(holds("by user")), List.of(), scans(0)));
        assertEquals(Verdict.UNUSED_SINCE_BUILT, v.verdict());
        assertEquals("0 scans in 30 days of statistics since it was built", v.reasons().get(0));
        assertTrue(v.coversWindow());
    }

    @Test
    void anAdoptedIndexNoCheckNamesIsAdoptedUnknown() {
        AuditVerdict v = AuditVerdict.of(evidence(true, List.of(), List.of(), scans(8)));
        assertEquals(Verdict.ADOPTED_UNKNOWN, v.verdict());
        assertTrue(v.reasons().contains("adopted at the baseline; no check names it"), v::toString);
    }

    @Test
    void anAdoptedIndexAChecksNamesIsJudgedByIt() {
        AuditVerdict v = AuditVerdict.of(evidence(true, List.of(holds("by user")), List.of(), scans(8)));
        assertEquals(Verdict.DELIVERED, v.verdict());
    }

    @Test
    void withoutStatisticsChecksAloneDecideAndTheReportSaysSo() {
        AuditVerdict delivered = AuditVerdict.of(evidence(false, List.of(holds("by user")), List.of(),
                Optional.empty()));
        assertEquals(Verdict.DELIVERED, delivered.verdict());
        assertTrue(delivered.reasons().contains("usage cannot be known on this database: judged on its checks alone"));
        assertEquals(Optional.empty(), delivered.scans());
        AuditVerdict unknown = AuditVerdict.of(evidence(false, List.of(), List.of(), Optional.empty()));
        assertEquals(Verdict.UNKNOWN, unknown.verdict());
    }

    @Test
    void checksNotJudgedHereCountAsNoCheck() {
        CheckPromise elsewhere = new CheckPromise("pg only", PromiseState.NOT_JUDGED, "skipped");
        AuditVerdict v = AuditVerdict.of(evidence(false, List.of(elsewhere), List.of(), scans(2)));
        assertEquals(Verdict.USED_NEVER_PROVEN, v.verdict());
    }

    @Test
    void aStatisticsResetAfterTheBuildStartsTheWindowAndIsNamed() {
        Instant reset = Instant.parse("2026-11-29T10:00:00Z");
        Usage usage = new Usage(BUILT, NOW, List.of(new NodeUsage("primary", 0, Optional.empty(), reset,
                StatisticsSource.STATISTICS_RESET)));
        AuditVerdict v = AuditVerdict.of(evidence(false, List.of(), List.of(), Optional.of(usage)));
        assertEquals(Verdict.UNUSED_SINCE_BUILT, v.verdict());
        assertEquals(Optional.of(Duration.ofDays(2)), v.covered());
        assertTrue(v.reasons().contains("primary: scans counted since the statistics reset at 2026-11-29 10:00 UTC, "
                + "after the build at 2026-11-01 10:00 UTC"), v::toString);
        assertEquals(List.of("statistics cover 2 days, less than a week: an index weekly or monthly jobs use can "
                + "look unused"), v.warnings());
    }

    @Test
    void aWindowLongerThanTheStatisticsIsSaidAndNotCovered() {
        Evidence e = new Evidence(false, false, List.of(), List.of(), scans(0), Optional.of(Duration.ofDays(90)));
        AuditVerdict v = AuditVerdict.of(e);
        assertFalse(v.coversWindow());
        assertEquals(List.of("--since 90 days is longer than the 30 days the statistics cover: judged on 30 days "
                + "only"), v.warnings());
    }

    @Test
    void aLastScanBeforeTheWindowCountsAsNoScanInIt() {
        Usage usage = new Usage(BUILT, NOW, List.of(new NodeUsage("primary", 4,
                Optional.of(Instant.parse("2026-11-02T00:00:00Z")), SERVER_START, StatisticsSource.SERVER_START)));
        Evidence e = new Evidence(false, false, List.of(), List.of(), Optional.of(usage),
                Optional.of(Duration.ofDays(14)));
        AuditVerdict v = AuditVerdict.of(e);
        assertEquals(Verdict.UNUSED_SINCE_BUILT, v.verdict());
        assertTrue(v.coversWindow());
    }

    @Test
    void scansOnAStandbyCountAndTheShortestWindowLimits() {
        Instant standbyStart = Instant.parse("2026-11-28T10:00:00Z");
        Usage usage = new Usage(BUILT, NOW, List.of(
                new NodeUsage("primary", 0, Optional.empty(), SERVER_START, StatisticsSource.SERVER_START),
                new NodeUsage("standby 127.0.0.1:5433", 7, Optional.empty(), standbyStart,
                        StatisticsSource.SERVER_START)));
        AuditVerdict v = AuditVerdict.of(evidence(false, List.of(), List.of(), Optional.of(usage)));
        assertEquals(Verdict.USED_NEVER_PROVEN, v.verdict());
        assertEquals(Optional.of(7L), v.scans());
        assertEquals(Optional.of(Duration.ofDays(3)), v.covered());
    }

    @Test
    void anAdoptedIndexThatEnforcesAConstraintIsNotUnusedForWantOfScans() {
        Evidence e = new Evidence(true, true, List.of(), List.of(), scans(0), Optional.empty());
        AuditVerdict v = AuditVerdict.of(e);
        assertEquals(Verdict.ADOPTED_UNKNOWN, v.verdict());
    }

    @Test
    void anUnusedIndexThatEnforcesAConstraintSaysItIsKept() {
        Evidence e = new Evidence(false, true, List.of(), List.of(), scans(0), Optional.empty());
        AuditVerdict v = AuditVerdict.of(e);
        assertEquals(Verdict.UNUSED_SINCE_BUILT, v.verdict());
        assertTrue(v.reasons().contains("it enforces a constraint: kept even so"));
    }
}
