package org.enverify.platform;

import java.util.List;

/** One page of a listing and the number of items in the whole listing. */
public record Listing<T>(List<T> items, long total) {

    public Listing {
        items = List.copyOf(items);
    }
}
