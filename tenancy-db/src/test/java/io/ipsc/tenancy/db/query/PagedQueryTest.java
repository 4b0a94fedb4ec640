package io.ipsc.tenancy.db.query;

import io.ipsc.tenancy.api.PageRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PagedQueryTest {

    @Test
    void aPageThatIsNotFullIsTheLastOneAndTellsTheTotal() {
        assertEquals(5L, PagedQuery.knownTotal(PageRequest.of(1, 20), 5));
        // page 3 of 10 a page: 20 rows before it, 7 on it
        assertEquals(27L, PagedQuery.knownTotal(PageRequest.of(3, 10), 7));
        assertEquals(0L, PagedQuery.knownTotal(PageRequest.of(1, 20), 0));
    }

    @Test
    void aFullPageOrAnEmptyPageBeyondTheFirstNeedsACount() {
        assertNull(PagedQuery.knownTotal(PageRequest.of(1, 20), 20));
        assertNull(PagedQuery.knownTotal(PageRequest.of(2, 20), 20));
        assertNull(PagedQuery.knownTotal(PageRequest.of(4, 20), 0));
    }
}
