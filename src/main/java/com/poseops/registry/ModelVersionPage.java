package com.poseops.registry;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of model versions, newest first.
 *
 * @param items     the versions on this page
 * @param nextToken pass to {@link ModelRegistry#list(int, String)} for the next page; null on the last page (a store
 *                  may also hand out a token whose page turns out empty)
 */
public record ModelVersionPage(List<ModelVersion> items, @Nullable String nextToken) {

    public ModelVersionPage {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return nextToken != null;
    }
}
