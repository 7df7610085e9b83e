package org.enverify.management.api;

import java.util.List;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;

/** One page of a GraphQL list and where it lies, as the REST envelope's {@code pagination} tells it. */
public record Page<T>(List<T> items, Envelope.Pagination pagination) {

    public static <T> Page<T> of(Listing<T> listing, ListQuery query) {
        return new Page<>(listing.items(), new Envelope.Pagination(query.page(), query.limit(), listing.total()));
    }

    /** The page of a list held whole, such as a statistics window. */
    public static <T> Page<T> of(List<T> all, ListQuery query) {
        return of(Listing.page(all, query), query);
    }
}
