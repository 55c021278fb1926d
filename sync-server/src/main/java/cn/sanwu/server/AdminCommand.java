package cn.sanwu.server;

import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.device.Device;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.store.Database;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code admin issue-code --village CODE}, {@code admin list-devices}, {@code admin revoke-device ID}:
 * run against the configured database directly, also while the server runs (H2 AUTO_SERVER or
 * PostgreSQL).
 */
final class AdminCommand {

    private AdminCommand() {
    }

    static int run(List<String> argv, ServerConfig config, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(argv);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("admin needs a command: issue-code, list-devices, revoke-device");
        }
        String command = args.removeFirst();
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            DeviceService devices = new DeviceService(db, Clock.systemUTC());
            switch (command) {
                case "issue-code" -> {
                    String village = Main.option(args, "--village")
                            .orElseThrow(() -> new IllegalArgumentException("issue-code needs --village CODE (12 digits)"));
                    String code = devices.issueCode(village);
                    out.println(code);
                    err.println("one-time enrollment code for village " + village + ", valid "
                            + DeviceService.CODE_VALIDITY.toDays() + " days");
                }
                case "list-devices" -> {
                    out.println("id\tvillage\tname\tenrolled\trevoked");
                    for (Device d : devices.listDevices()) {
                        out.println(d.id() + "\t" + d.villageCode() + "\t" + d.name() + "\t" + d.enrolledAt() + "\t"
                                + (d.revokedAt() == null ? "-" : d.revokedAt()));
                    }
                }
                case "revoke-device" -> {
                    if (args.isEmpty()) {
                        throw new IllegalArgumentException("revoke-device needs a device id");
                    }
                    UUID id = UUID.fromString(args.getFirst());
                    if (!devices.revoke(id)) {
                        err.println("no active device " + id);
                        return 1;
                    }
                    out.println("revoked " + id);
                }
                default -> throw new IllegalArgumentException("unknown admin command: " + command);
            }
        }
        return 0;
    }
}
