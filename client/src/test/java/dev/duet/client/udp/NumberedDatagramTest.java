package dev.duet.client.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The client's datagrams: readable, and every byte of an echo checked. */
class NumberedDatagramTest {
    private static byte[] datagram(long seq, long nanos, int size) {
        byte[] bytes = new byte[size];
        NumberedDatagram.write(bytes, seq, nanos, size);
        return bytes;
    }

    @Test
    void itsNumberAndSendingTimeThenDots() {
        assertEquals("7 1503822 " + ".".repeat(30), new String(datagram(7, 1_503_822, 40), StandardCharsets.US_ASCII));
        assertEquals(
                "123456789012345678 123456789012345678 ..",
                new String(
                        datagram(123_456_789_012_345_678L, 123_456_789_012_345_678L, 40), StandardCharsets.US_ASCII));
    }

    @Test
    void anEchoSaysWhichDatagramItIsAndWhenItLeft() {
        byte[] echo = datagram(42, 0, 64);
        assertEquals(42, NumberedDatagram.seq(echo, 64, 64));
        assertEquals(0, NumberedDatagram.nanos(echo, 64));
        assertTrue(NumberedDatagram.whole(echo, 64, 64, new byte[64]));
    }

    @Test
    void anythingElseIsNoEcho() {
        byte[] changed = datagram(42, 1000, 64);
        changed[63] = 'x';
        assertFalse(NumberedDatagram.whole(changed, 64, 64, new byte[64]), "a byte changed");
        assertFalse(NumberedDatagram.whole(datagram(42, 1000, 64), 63, 64, new byte[64]), "cut short");
        byte[] text = "hello world, and more than forty bytes of it".getBytes(StandardCharsets.US_ASCII);
        assertEquals(-1, NumberedDatagram.seq(text, text.length, text.length));
        assertFalse(NumberedDatagram.whole(text, text.length, text.length, new byte[text.length]));
        byte[] noSpace = "12345".getBytes(StandardCharsets.US_ASCII);
        assertEquals(-1, NumberedDatagram.seq(noSpace, 5, 5));
        assertEquals(-1, NumberedDatagram.nanos(noSpace, 5));
    }
}
