package com.poseops.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.testsupport.PoseOpsSpringTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit log against DynamoDB Local: an entry is bounded whatever it is given (a 500 KB user name once failed the
 * write with "Item size has exceeded the maximum allowed size" and a 500), and pages are read a page at a time —
 * never the whole table. Each test writes into a month of its own, far in the future, so that nothing else is in it.
 */
@PoseOpsSpringTest
class AuditLogBoundsTest {

    @Autowired
    DynamoDbTables tables;

    @Test
    void aHugeOrMultiLineEntryIsStoredBoundedAndOnOneLine() {
        AuditLog log = logIn(isolatedMonth());
        String hugeName = "x".repeat(500_000);

        AuditEntry stored = log.record(hugeName, "sign-in\r\nforged", "console\n" + "t".repeat(10_000),
                Outcome.FAILURE, "c".repeat(349_000) + "\nsecond line\u0007");

        AuditEntry read = log.newest(AuditFilter.ALL, 1).getFirst();
        assertThat(read).isEqualTo(stored);
        assertThat(read.actor()).hasSize(AuditLog.MAX_ACTOR).endsWith("…");
        assertThat(read.action()).isEqualTo("sign-in  forged");
        assertThat(read.target()).hasSize(AuditLog.MAX_TARGET).startsWith("console t");
        assertThat(read.comment()).hasSize(AuditLog.MAX_COMMENT);
    }

    @Test
    void pagesAreReadFiftyAtATimeAndTheirCursorsVisitEveryEntryOnce() {
        Instant month = isolatedMonth();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            AuditLog log = logIn(month.plusSeconds(i));
            written.add(log.record("user" + i, "probe", "page-test", Outcome.SUCCESS, null).id());
        }
        AuditLog log = logIn(month.plusSeconds(200));

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            AuditPage page = log.page(AuditFilter.ALL, cursor, 50);
            assertThat(page.examined()).as("entries read for one page").isLessThanOrEqualTo(50);
            sizes.add(page.entries().size());
            page.entries().forEach(entry -> seen.add(entry.id()));
            cursor = page.older();
        } while (cursor != null && sizes.size() < 10);

        assertThat(sizes.subList(0, 3)).containsExactly(50, 50, 30);
        assertThat(seen).as("every entry once, newest first").containsExactlyElementsOf(written.reversed());
    }

    @Test
    void aFilterThatMatchesNothingStopsAfterAThousandEntriesInsteadOfReadingTheTable() {
        Instant month = isolatedMonth();
        for (int i = 0; i < 1_200; i++) {
            logIn(month.plusMillis(i)).record("flood", "sign-in", "console", Outcome.FAILURE, null);
        }
        AuditPage page = logIn(month.plusSeconds(60)).page(new AuditFilter("nobody-like-this", null, null), null, 50);

        assertThat(page.entries()).isEmpty();
        assertThat(page.examined()).isEqualTo(AuditLog.MAX_EXAMINED);
        assertThat(page.older()).as("where the search can go on").isNotNull();
        AuditPage rest = logIn(month.plusSeconds(60)).page(new AuditFilter("nobody-like-this", null, null),
                page.older(), 50);
        assertThat(rest.examined()).as("the next page reads on from there").isGreaterThanOrEqualTo(200);
    }

    /** A moment in a month no other test (or earlier run) writes to. */
    private static Instant isolatedMonth() {
        int year = 3000 + ThreadLocalRandom.current().nextInt(6000);
        int month = 1 + ThreadLocalRandom.current().nextInt(12);
        return Instant.parse("%04d-%02d-10T00:00:00Z".formatted(year, month));
    }

    private AuditLog logIn(Instant at) {
        return new AuditLog(tables, Clock.fixed(at, ZoneOffset.UTC));
    }
}
