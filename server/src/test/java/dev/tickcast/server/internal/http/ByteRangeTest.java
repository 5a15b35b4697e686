package dev.tickcast.server.internal.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Range header against a file of 100 bytes. */
class ByteRangeTest {
    private static final long SIZE = 100;

    private static void range(String header, int status, long first, long length, String contentRange) {
        ByteRange r = ByteRange.of(header, SIZE);
        assertEquals(status, r.status(), header);
        if (status != 416) {
            assertEquals(first, r.first(), header);
            assertEquals(length, r.length(), header);
        }
        assertEquals(contentRange, r.contentRange(SIZE), header);
    }

    @Test
    void shouldServeOneRange() {
        range("bytes=0-9", 206, 0, 10, "bytes 0-9/100");
        range("bytes=90-", 206, 90, 10, "bytes 90-99/100");
        range("bytes=-10", 206, 90, 10, "bytes 90-99/100");
        range("bytes=-1000", 206, 0, 100, "bytes 0-99/100");
        range("bytes=95-1000", 206, 95, 5, "bytes 95-99/100");
        range("Bytes= 5-5", 206, 5, 1, "bytes 5-5/100");
        range("bytes=99-99", 206, 99, 1, "bytes 99-99/100");
    }

    @Test
    void shouldRefuseARangePastTheEnd() {
        range("bytes=100-", 416, 0, 0, "bytes */100");
        range("bytes=100-200", 416, 0, 0, "bytes */100");
        range("bytes=-0", 416, 0, 0, "bytes */100");
        assertEquals(416, ByteRange.of("bytes=0-", 0).status(), "nothing to serve in an empty file");
    }

    @Test
    void shouldIgnoreWhatIsNotOneRangeOfBytes() {
        range(null, 200, 0, 100, null);
        range("bytes=0-1,5-6", 200, 0, 100, null);
        range("items=0-1", 200, 0, 100, null);
        range("bytes=5-1", 200, 0, 100, null);
        range("bytes=-", 200, 0, 100, null);
        range("bytes=a-b", 200, 0, 100, null);
        range("bytes=+1-2", 200, 0, 100, null);
        range("bytes=1234567890123456789-", 200, 0, 100, null);
        range("bytes=0-" + "9".repeat(80), 200, 0, 100, null);
    }
}
