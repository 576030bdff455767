package io.github.camelparallel.backend.hazelcast;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code members} option checked against the network: which entries name a host that does not resolve (a typo
 * that Hazelcast only logs, then starts a cluster of one), and which were not in the cluster once this pool started.
 * It exists so that a pool fails at start when none of its listed members can even be looked up, and says plainly
 * which listed members it runs without otherwise.
 * <p>
 * Entries are Hazelcast's TCP-IP member syntax: {@code host}, {@code host:port}, {@code [ipv6]:port}. IP literals and
 * ranges ({@code 10.0.0.1-5}) are never looked up. An entry without a port matches a member on any port of that host.
 * A loopback entry matches a member of this machine on that port, whatever address the member advertises. Immutable
 * after construction; the look-ups happen in the constructor, on the calling thread.
 */
final class ListedMembers {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]+(\\.[0-9]+){3}|.*:.*");
    private static final Pattern IP_RANGE = Pattern.compile("[0-9.*\\-]+");

    /** One listed entry, with its host's addresses (empty when it did not resolve; null when never looked up). */
    private record Entry(String text, String host, int port, List<InetAddress> addresses) {
    }

    private final List<Entry> entries = new ArrayList<>();

    ListedMembers(List<String> members) {
        for (String member : members) {
            entries.add(parse(member.trim()));
        }
    }

    private static Entry parse(String member) {
        String host = member;
        int port = -1;
        if (member.startsWith("[")) { // [ipv6]:port
            int close = member.indexOf(']');
            host = close > 0 ? member.substring(1, close) : member;
            port = close > 0 && member.length() > close + 2 ? parsePort(member.substring(close + 2)) : -1;
        } else if (member.indexOf(':') == member.lastIndexOf(':') && member.indexOf(':') >= 0) { // host:port
            host = member.substring(0, member.indexOf(':'));
            port = parsePort(member.substring(member.indexOf(':') + 1));
        }
        if (IP_LITERAL.matcher(host).matches()) {
            try {
                return new Entry(member, host, port, List.of(InetAddress.getByName(host))); // no look-up for a literal
            } catch (UnknownHostException e) {
                return new Entry(member, host, port, null); // Hazelcast reads it its own way
            }
        }
        if (IP_RANGE.matcher(host).matches()) {
            return new Entry(member, host, port, null); // Hazelcast expands it
        }
        try {
            return new Entry(member, host, port, List.of(InetAddress.getAllByName(host)));
        } catch (UnknownHostException | SecurityException e) {
            return new Entry(member, host, port, List.of());
        }
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1; // a port range or something Hazelcast reads itself: any port matches
        }
    }

    /** The hosts of entries that do not resolve, as listed. */
    List<String> unresolved() {
        return entries.stream().filter(e -> e.addresses() != null && e.addresses().isEmpty()).map(Entry::host).toList();
    }

    /** Whether every entry names a host that does not resolve (and there is at least one). */
    boolean noneResolves() {
        return !entries.isEmpty() && unresolved().size() == entries.size();
    }

    /**
     * The resolvable entries with no cluster member at their address and port, as listed. Entries never looked up
     * (ranges) are left out: they cannot be matched.
     */
    List<String> notIn(Collection<InetSocketAddress> cluster) {
        List<String> missing = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.addresses() == null || entry.addresses().isEmpty()) {
                continue;
            }
            boolean found = cluster.stream().anyMatch(member -> matches(entry, member));
            if (!found) {
                missing.add(entry.text());
            }
        }
        return missing;
    }

    private static boolean matches(Entry entry, InetSocketAddress member) {
        if (entry.port() >= 0 && entry.port() != member.getPort()) {
            return false;
        }
        InetAddress address = member.getAddress();
        if (address == null) {
            return entry.host().equalsIgnoreCase(member.getHostString());
        }
        if (entry.addresses().contains(address)) {
            return true;
        }
        // a loopback entry names this machine: any member bound on one of its interfaces
        return entry.addresses().stream().anyMatch(InetAddress::isLoopbackAddress) && local(address);
    }

    private static boolean local(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
