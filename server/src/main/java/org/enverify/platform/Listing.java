package org.enverify.platform;

import java.util.List;

/** One page of a listing and the number of items in the whole listing. */
public record Listing<T>(List<T> items, long total) {

    public Listing {
        items = List.copyOf(items);
    }

    /** The page {@code query} asks for of a list held whole, such as a statistics window or a realm's few keys. */
    public static <T> Listing<T> page(List<T> all, ListQuery query) {
        int from = (int) Math.min(all.size(), query.offset());
        int to = (int) Math.min(all.size(), (long) from + query.limit());
        return new Listing<>(all.subList(from, to), all.size());
    }
}
