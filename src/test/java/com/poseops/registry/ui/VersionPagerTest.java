package com.poseops.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.ModelVersionPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The grid's offset/limit requests over the registry's token pages: in order, only as far as needed, exact. */
class VersionPagerTest {

    /** A registry of {@code count} versions, newest first, whose pages are {@code served} long (shorter than asked). */
    private static final class Registry {
        final int count;
        final int served;
        final List<String> tokensAsked = new ArrayList<>();

        Registry(int count, int served) {
            this.count = count;
            this.served = served;
        }

        ModelVersionPage page(int size, @Nullable String token) {
            tokensAsked.add(String.valueOf(token));
            int start = token == null ? 0 : Integer.parseInt(token);
            int end = Math.min(count, start + Math.min(size, served));
            List<ModelVersion> items = IntStream.range(start, end).mapToObj(i -> version(count - i)).toList();
            return new ModelVersionPage(items, end < count ? Integer.toString(end) : null);
        }
    }

    @Test
    void theFirstScreenNeedsOnePageAndLaterRowsArePagedInOrder() {
        Registry registry = new Registry(500, 50);
        VersionPager pager = new VersionPager(50, registry::page);

        assertThat(numbers(pager.fetch(0, 50))).isEqualTo(range(500, 451));
        assertThat(pager.requests()).isEqualTo(1);
        assertThat(numbers(pager.fetch(0, 50))).as("the same rows again, from the page kept").hasSize(50);
        assertThat(pager.requests()).isEqualTo(1);

        assertThat(numbers(pager.fetch(120, 30))).as("rows 120 to 149").isEqualTo(range(380, 351));
        assertThat(registry.tokensAsked).as("pages 2 and 3 asked in order, with the tokens of the pages before")
                .containsExactly("null", "50", "100");
    }

    @Test
    void shortPagesAreStitchedAndTheEndIsFound() {
        Registry registry = new Registry(95, 20); // the registry serves 20 where 50 are asked
        VersionPager pager = new VersionPager(50, registry::page);

        assertThat(numbers(pager.fetch(30, 50))).isEqualTo(range(65, 16));
        List<ModelVersion> tail = pager.fetch(80, 50);
        assertThat(numbers(tail)).as("the last rows, fewer than asked").isEqualTo(range(15, 1));
        assertThat(pager.fetch(95, 50)).as("past the end").isEmpty();
    }

    @Test
    void aResetStartsFromTheFirstPageAgain() {
        Registry registry = new Registry(60, 50);
        VersionPager pager = new VersionPager(50, registry::page);
        pager.fetch(0, 60);
        pager.reset();
        pager.fetch(0, 10);
        assertThat(registry.tokensAsked).containsExactly("null", "50", "null");
    }

    private static List<Integer> numbers(List<ModelVersion> versions) {
        return versions.stream().map(ModelVersion::version).toList();
    }

    private static List<Integer> range(int from, int downTo) {
        return IntStream.iterate(from, i -> i >= downTo, i -> i - 1).boxed().toList();
    }

    private static ModelVersion version(int number) {
        return new ModelVersion(number, "g/" + number, Instant.parse("2026-11-23T10:00:00Z"), "dora", "d",
                ApprovalStatus.PENDING, Map.of(), "file:///m", null, null);
    }
}
