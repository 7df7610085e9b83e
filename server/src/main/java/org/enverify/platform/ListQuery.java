package org.enverify.platform;

/**
 * One page of a listing as a caller asks for it: the page (from 1), how many items a page holds, and the
 * order, by a name the listing declares. Listings order stably: ties are broken by the id, newest first.
 *
 * @param sort the name of the property to order by, as the listing that takes it documents
 */
public record ListQuery(int page, int limit, String sort, boolean descending) {

    public ListQuery {
        if (page < 1 || limit < 1) {
            throw new IllegalArgumentException("Pages count from 1 and hold at least one item");
        }
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }
}
