package cn.sanwu.server;

import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.device.Device;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.store.Database;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code admin issue-code --village CODE}, {@code admin list-devices}, {@code admin revoke-device ID}
 * and the region and user commands of {@link AccountCommands}: run against the configured
 * database directly, also while the server runs (H2 AUTO_SERVER or PostgreSQL). A refusal (bad
 * input, unknown user…) prints its message and exits 1 with nothing changed.
 */
final class AdminCommand {

    private AdminCommand() {
    }

    static final String USAGE = "admin issue-code --village CODE | list-devices | revoke-device ID"
            + " | create-region --code CODE --name NAME --level city|county|township|village|community [--parent CODE]"
            + " | list-regions | create-user --username NAME --role ROLE [--scope CODE] [--name 姓名]"
            + " | set-password USERNAME | disable-user USERNAME | enable-user USERNAME | list-users"
            + " | revoke-sessions USERNAME";

    static int run(List<String> argv, ServerConfig config, InputStream in, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(argv);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: " + USAGE);
        }
        String command = args.removeFirst();
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            DeviceService devices = new DeviceService(db, Clock.systemUTC());
            if (AccountCommands.COMMANDS.contains(command)) {
                Accounts accounts = Accounts.create(db, Clock.systemUTC(), config.security(), devices);
                try {
                    return new AccountCommands(accounts, in, out, err).run(command, args);
                } catch (Refusal refusal) {
                    err.println(refusal.getMessage());
                    return 1;
                }
            }
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
