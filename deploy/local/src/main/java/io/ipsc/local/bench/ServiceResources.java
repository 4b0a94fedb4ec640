package io.ipsc.local.bench;

import io.ipsc.local.ServiceSpec;
import io.ipsc.local.Services;
import io.ipsc.local.StateDir;
import io.ipsc.local.backup.LocalBackups;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each running service holds, seen from outside: its resident memory ({@code VmRSS} of
 * {@code /proc/<pid>/status}, pid from the launcher's pid file) and its PostgreSQL connections.
 *
 * <p>{@code pg_stat_activity} tells each connection's client port but not which process opened it
 * (every service uses the same user, and the drivers' default application names), so a connection
 * is given to the service that owns the socket on that port: the socket's inode from
 * {@code /proc/net/tcp}, matched against the links in the service's {@code /proc/<pid>/fd}.
 */
final class ServiceResources implements AutoCloseable {

    /** One service at one moment; {@code rssKiB} and {@code connections} are -1 when unknown. */
    record Sample(String service, long rssKiB, int connections) {
    }

    private final Connection postgres;
    private final Map<String, Long> pids = new LinkedHashMap<>();

    private ServiceResources(StateDir state, Connection postgres) {
        this.postgres = postgres;
        for (ServiceSpec s : Services.ALL) {
            pid(state, s.name()).ifPresent(pid -> pids.put(s.name(), pid));
        }
    }

    /** Connects to the suite's PostgreSQL as {@code ./ipsc psql} does (the address from {@code .ipsc/run/endpoints}). */
    static ServiceResources open(StateDir state) throws IOException, SQLException {
        Map<String, String> endpoints = endpoints(state);
        String url = "jdbc:postgresql://" + endpoints.get("IPSC_PG_HOST") + ":" + endpoints.get("IPSC_PG_PORT") + "/postgres";
        Connection c = DriverManager.getConnection(url, endpoints.get("IPSC_PG_USER"), endpoints.get("IPSC_PG_PASSWORD"));
        return new ServiceResources(state, c);
    }

    /**
     * Where the suite's PostgreSQL listens and as whom to connect: {@code .ipsc/run/endpoints} as the
     * launcher wrote it, with the launcher's defaults for what it leaves out.
     */
    static Map<String, String> endpoints(StateDir state) throws IOException {
        Map<String, String> endpoints = new HashMap<>(Files.isRegularFile(state.endpointsFile())
                ? LocalBackups.parseEndpoints(Files.readString(state.endpointsFile())) : Map.of());
        endpoints.putIfAbsent("IPSC_PG_HOST", "127.0.0.1");
        endpoints.putIfAbsent("IPSC_PG_PORT", System.getenv().getOrDefault("IPSC_PG_PORT", "15432"));
        endpoints.putIfAbsent("IPSC_PG_USER", "postgres");
        endpoints.putIfAbsent("IPSC_PG_PASSWORD", System.getenv().getOrDefault("IPSC_PG_PASSWORD", "postgres"));
        return endpoints;
    }

    static Optional<Long> pid(StateDir state, String service) {
        try {
            String text = Files.readString(state.pidFile(service)).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text.lines().findFirst().orElse("")));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    List<String> services() {
        return List.copyOf(pids.keySet());
    }

    /** Every running service's memory and connections, now. */
    List<Sample> sample() throws SQLException {
        Set<Integer> clientPorts = clientPortsOfPostgres();
        Map<Long, Integer> portByInode = localPortsByInode();
        return pids.entrySet().stream().map(e -> {
            long pid = e.getValue();
            Set<Long> inodes = socketInodes(pid);
            int connections = inodes == null ? -1 : (int) inodes.stream().map(portByInode::get)
                    .filter(port -> port != null && clientPorts.contains(port)).count();
            return new Sample(e.getKey(), rssKiB(pid), connections);
        }).toList();
    }

    /** Client ports of the connections of client backends, leaving out this one. */
    private Set<Integer> clientPortsOfPostgres() throws SQLException {
        Set<Integer> ports = new HashSet<>();
        try (Statement st = postgres.createStatement();
             ResultSet rs = st.executeQuery("SELECT client_port FROM pg_stat_activity WHERE backend_type = 'client backend' "
                     + "AND pid <> pg_backend_pid() AND client_port IS NOT NULL AND client_port > 0")) {
            while (rs.next()) {
                ports.add(rs.getInt(1));
            }
        }
        return ports;
    }

    /** Every client connection of the server now: the services' and any other (psql, a test's suite). */
    int connectionsInAll() throws SQLException {
        return clientPortsOfPostgres().size();
    }

    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process is gone or not ours.
        }
        return -1;
    }

    /** Inodes of the sockets the process has open, or null when its fds cannot be read. */
    private static Set<Long> socketInodes(long pid) {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException e) {
                    // Closed while we looked.
                }
            }
        } catch (IOException e) {
            return null;
        }
        return inodes;
    }

    /** Local port of every TCP socket of the machine, by inode ({@code /proc/net/tcp} and {@code tcp6}). */
    private static Map<Long, Integer> localPortsByInode() {
        Map<Long, Integer> ports = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(Path.of(table));
                for (String line : lines.subList(1, lines.size())) {
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9) {
                        String local = f[1];
                        ports.put(Long.parseLong(f[9]), Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // No IPv6 table on this machine, or a line we do not understand: skip it.
            }
        }
        return ports;
    }

    @Override
    public void close() throws SQLException {
        postgres.close();
    }
}
