package org.enverify.management.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.Function;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;

/**
 * The management API's success envelope: {@code {"status":"success","data":…}}, and for a list its
 * {@code pagination}. Errors have their own, {@link org.enverify.platform.api.ManagementError}.
 */
public record Envelope<T>(String status, T data, Pagination pagination) {

    public record Pagination(
            @JsonProperty("current_page") int currentPage,
            @JsonProperty("per_page") int perPage,
            @JsonProperty("total_items") long totalItems) {}

    public static <T> Envelope<T> of(T data) {
        return new Envelope<>("success", data, null);
    }

    /** One page of a listing, each item shown as {@code shown} makes it. */
    public static <T, R> Envelope<List<R>> page(Listing<T> listing, ListQuery query, Function<T, R> shown) {
        return new Envelope<>(
                "success",
                listing.items().stream().map(shown).toList(),
                new Pagination(query.page(), query.limit(), listing.total()));
    }

    /** One page of a list held whole, such as a statistics window, in the list's order. */
    public static <T, R> Envelope<List<R>> page(List<T> all, ListQuery query, Function<T, R> shown) {
        Page<T> page = Page.of(all, query);
        return new Envelope<>("success", page.items().stream().map(shown).toList(), page.pagination());
    }
}
