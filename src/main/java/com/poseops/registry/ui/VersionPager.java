package com.poseops.registry.ui;

import com.poseops.registry.ModelVersion;
import com.poseops.registry.ModelVersionPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * What a lazy grid asks for (offset and limit) in terms of what the registry serves (pages chained by tokens, newest
 * first): pages are requested in order, only as far as the grid scrolls, and the last few are kept so that the
 * grid's overlapping requests and the trend chart do not ask the registry again. A page may come back shorter than
 * asked (SageMaker does that), so each page's start offset is remembered rather than computed.
 * <p>
 * Not thread-safe: one per page, used on its UI thread. {@link #reset()} when the registry changed.
 */
final class VersionPager {

    private static final int PAGES_KEPT = 4;

    /** A page the registry served: where it starts among all versions, the token that fetches it, its size. */
    private record PageRef(int start, @Nullable String token, int size) {
    }

    private final int pageSize;
    private final BiFunction<Integer, @Nullable String, ModelVersionPage> source;
    private final List<PageRef> pages = new ArrayList<>();
    private final Map<Integer, List<ModelVersion>> kept = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<ModelVersion>> eldest) {
            return size() > PAGES_KEPT;
        }
    };
    private @Nullable String nextToken;
    private boolean exhausted;
    private int requests;

    /**
     * @param source {@code (pageSize, token) -> page}, e.g. {@code RegistryService::list}
     */
    VersionPager(int pageSize, BiFunction<Integer, @Nullable String, ModelVersionPage> source) {
        this.pageSize = pageSize;
        this.source = source;
    }

    /** Versions {@code offset} to {@code offset + limit - 1} (fewer at the end), newest first. */
    List<ModelVersion> fetch(int offset, int limit) {
        List<ModelVersion> result = new ArrayList<>(Math.min(limit, 1000));
        int end = offset + limit;
        for (int index = 0; result.size() < limit; index++) {
            if (index == pages.size() && !loadNext()) {
                break;
            }
            PageRef page = pages.get(index);
            if (page.start() + page.size() <= offset) {
                continue; // before the range: known, not needed
            }
            if (page.start() >= end) {
                break;
            }
            List<ModelVersion> items = items(index);
            for (int i = Math.max(0, offset - page.start()); i < items.size() && page.start() + i < end; i++) {
                result.add(items.get(i));
            }
        }
        return result;
    }

    /** Forget everything: the next fetch starts from the first page again. */
    void reset() {
        pages.clear();
        kept.clear();
        nextToken = null;
        exhausted = false;
    }

    /** A listed version (among the pages kept) whose evaluation key ({@code target}) is {@code key}. */
    Optional<ModelVersion> find(String key, IntFunction<String> target) {
        return kept.values().stream().flatMap(List::stream)
                .filter(version -> target.apply(version.version()).equals(key)).findFirst();
    }

    /** How many pages were asked of the registry since this pager was made. */
    int requests() {
        return requests;
    }

    private boolean loadNext() {
        if (exhausted) {
            return false;
        }
        String token = nextToken;
        ModelVersionPage page = request(token);
        int start = pages.isEmpty() ? 0 : pages.getLast().start() + pages.getLast().size();
        pages.add(new PageRef(start, token, page.items().size()));
        kept.put(pages.size() - 1, page.items());
        nextToken = page.nextToken();
        exhausted = nextToken == null;
        return true;
    }

    private List<ModelVersion> items(int index) {
        List<ModelVersion> items = kept.get(index);
        if (items == null) {
            // Fallen out of the few pages kept: ask again with the token that served it.
            items = request(pages.get(index).token()).items();
            kept.put(index, items);
        }
        return items;
    }

    private ModelVersionPage request(@Nullable String token) {
        requests++;
        return source.apply(pageSize, token);
    }
}
