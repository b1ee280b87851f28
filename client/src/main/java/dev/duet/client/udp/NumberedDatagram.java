package dev.duet.client.udp;

import java.util.Arrays;

/**
 * What the UDP client sends: readable ASCII, so a server's log or {@code nc -u} shows it. The
 * datagram's number, a space, the nanoseconds from the run's start to its sending, a space, then
 * dots up to the size asked for: {@code 7 1503822 .....}. An echo carries both back, so the one
 * that receives it knows which datagram it is and its round trip without asking the one that sent
 * it; and since the rest follows from those two and the size, an echo that is not byte for byte
 * what was sent is told apart.
 */
public final class NumberedDatagram {
    /** Room for the two numbers whatever their size (18 digits each, 31 years of nanoseconds) and two spaces. */
    public static final int SMALLEST = 40;
    /** The largest UDP payload over IPv4. */
    public static final int LARGEST = 65_507;

    private NumberedDatagram() {}

    /** Writes datagram {@code seq}, sent {@code nanos} into the run, {@code size} bytes long, into {@code into}. */
    public static void write(byte[] into, long seq, long nanos, int size) {
        int at = digits(into, 0, seq);
        into[at++] = ' ';
        at = digits(into, at, nanos);
        into[at++] = ' ';
        while (at < size) {
            into[at++] = '.';
        }
    }

    /** The datagram's number, or -1 when {@code bytes} are not a numbered datagram of {@code size} bytes. */
    public static long seq(byte[] bytes, int length, int size) {
        return length == size ? number(bytes, 0, length) : -1;
    }

    /** When it was sent, in nanoseconds from the run's start; -1 when it is not a numbered datagram. */
    public static long nanos(byte[] bytes, int length) {
        int space = indexOf(bytes, length, 0);
        return space < 0 ? -1 : number(bytes, space + 1, length);
    }

    /** Whether {@code bytes} are exactly what {@link #write} wrote for their number and time. */
    public static boolean whole(byte[] bytes, int length, int size, byte[] scratch) {
        long seq = seq(bytes, length, size);
        long nanos = nanos(bytes, length);
        if (seq < 0 || nanos < 0) {
            return false;
        }
        write(scratch, seq, nanos, size);
        return Arrays.equals(bytes, 0, size, scratch, 0, size);
    }

    /** Writes {@code value} in decimal at {@code at}; returns where it ends. Allocates nothing. */
    private static int digits(byte[] into, int at, long value) {
        int length = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            length++;
        }
        long rest = value;
        for (int i = at + length - 1; i >= at; i--) {
            into[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return at + length;
    }

    /** The decimal number from {@code from} to the next space; -1 when there is none. */
    private static long number(byte[] bytes, int from, int length) {
        long value = 0;
        int i = from;
        for (; i < length && bytes[i] != ' '; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9 || i - from >= 18) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return i == from || i == length ? -1 : value;
    }

    private static int indexOf(byte[] bytes, int length, int from) {
        for (int i = from; i < length; i++) {
            if (bytes[i] == ' ') {
                return i;
            }
        }
        return -1;
    }
}
