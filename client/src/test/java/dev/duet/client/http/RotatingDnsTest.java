package dev.duet.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behind DNS round robin, successive connections of --tally take the name's addresses in turn. */
class RotatingDnsTest {
    @Test
    void eachLookupPutsTheNextAddressFirst() throws Exception {
        InetAddress a = InetAddress.getByName("10.0.1.5");
        InetAddress b = InetAddress.getByName("10.0.1.6");
        InetAddress c = InetAddress.getByName("10.0.1.7");
        // what the system resolver gives from its cache: the same order every time
        RotatingDns dns = new RotatingDns(host -> List.of(a, b, c));
        assertEquals(List.of(a, b, c), dns.lookup("server"));
        assertEquals(List.of(b, c, a), dns.lookup("server"));
        assertEquals(List.of(c, a, b), dns.lookup("server"));
        assertEquals(List.of(a, b, c), dns.lookup("server"));
    }
}
