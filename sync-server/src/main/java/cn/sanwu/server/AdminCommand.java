package cn.sanwu.server;

import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.device.Device;
import cn.sanwu.server.device.DeviceService;
import cn.sanwu.server.store.Database;
import cn.sanwu.server.store.FeedEpoch;
import cn.sanwu.server.store.ServerBackup;
import java.io.IOException;
import java.nio.file.Path;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code admin issue-code --village CODE}, {@code admin list-devices}, {@code admin revoke-device ID},
 * {@code admin import-bundle FILE --reply OUT} ({@link BundleAdminCommand}), the transparency-log commands of
 * {@link LedgerAdminCommand} ({@code audit} exits 3 on tampering) and the region and user commands of {@link AccountCommands}: run against the configured
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
            + " | revoke-sessions USERNAME | backup --out FILE.zip | restore-backup FILE.zip | renew-feed-epoch"
            + " | import-bundle FILE --reply OUT | copy-database --to JDBC_URL [--user NAME]"
            + " | audit [--checkpoint FILE]… [--key VERIFIER-KEY]… | checkpoint | log-key show|add|retire KEYID";

    static int run(List<String> argv, ServerConfig config, InputStream in, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(argv);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: " + USAGE);
        }
        String command = args.removeFirst();
        try {
            return runCommand(command, args, config, in, out, err);
        } catch (IOException e) {
            err.println("file error: " + e.getMessage());
            return 1;
        } catch (cn.sanwu.server.store.StoreException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int runCommand(String command, List<String> args, ServerConfig config, InputStream in, PrintStream out,
            PrintStream err) throws IOException {
        if (command.equals("restore-backup")) {
            return restore(args, config, out, err);
        }
        if (command.equals("copy-database")) {
            return copyDatabase(args, config, out, err);
        }
        if (command.equals("log-key")) {
            return LedgerAdminCommand.run(command, args, config, null, out, err);
        }
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
            if (LedgerAdminCommand.COMMANDS.contains(command)) {
                return LedgerAdminCommand.run(command, args, config, db, out, err);
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
                case "backup" -> {
                    Path zip = Main.option(args, "--out").map(Path::of)
                            .orElseThrow(() -> new IllegalArgumentException("backup needs --out FILE.zip"));
                    long bytes = ServerBackup.backup(db, zip);
                    out.println("backup written: " + zip.toAbsolutePath() + " (" + bytes + " bytes)");
                }
                case "renew-feed-epoch" -> out.println("feed epoch renewed: " + FeedEpoch.renew(db)
                        + " (clients reload and re-send what this database lacks)");
                case "import-bundle" -> {
                    return BundleAdminCommand.importBundle(args, config, db, devices, out, err);
                }
                default -> throw new IllegalArgumentException("unknown admin command: " + command);
            }
        }
        return 0;
    }

    /**
     * {@code admin copy-database --to JDBC_URL [--user NAME]}: the configured store (normally the
     * H2 file) into an empty database (normally PostgreSQL), which the server's migrations set up
     * first; the password comes from {@code SANWU_TARGET_DB_PASSWORD}, never the command line
     * (other users can read that from the process list). Server stopped; docs/operations.md.
     */
    private static int copyDatabase(List<String> args, ServerConfig config, PrintStream out, PrintStream err) {
        String url = Main.option(args, "--to")
                .orElseThrow(() -> new IllegalArgumentException("copy-database needs --to JDBC_URL (e.g. jdbc:postgresql://HOST/sanwu)"));
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            err.println("copy-database copies into PostgreSQL (jdbc:postgresql://HOST/DB) or an H2 file; not " + url);
            return 1;
        }
        if (url.equals(config.databaseUrl())) {
            err.println("the target is the configured database itself; give the new, empty database");
            return 1;
        }
        String user = Main.option(args, "--user").orElse("");
        String password = java.util.Objects.requireNonNullElse(System.getenv("SANWU_TARGET_DB_PASSWORD"), "");
        try (Database source = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword());
                Database target = Database.open(url, user, password)) {
            out.println("copying " + Database.redact(config.databaseUrl()) + " → " + Database.redact(url));
            cn.sanwu.server.store.StoreCopy.Report report = cn.sanwu.server.store.StoreCopy.copy(source, target, out);
            out.println("copied " + report.totalRows() + " rows in " + report.rowsPerTable().size()
                    + " tables; both sides compared equal. Now set sanwu.server.db.url=" + Database.redact(url)
                    + " (and user, password) in server.properties and start the server.");
        }
        return 0;
    }

    /**
     * {@code admin restore-backup FILE.zip}: into the configured data directory, which must hold no
     * database (server stopped); then the feed epoch is renewed. H2 only.
     */
    private static int restore(List<String> args, ServerConfig config, PrintStream out, PrintStream err) throws IOException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("restore-backup needs a backup file");
        }
        if (!config.databaseUrl().equals(ServerConfig.h2Url(config.dataDir()))) {
            err.println("restore-backup restores the H2 file store in the data directory; this server is configured for "
                    + "another database (PostgreSQL: pg_restore, then admin renew-feed-epoch)");
            return 1;
        }
        ServerBackup.restore(Path.of(args.getFirst()), config.dataDir());
        try (Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
            String epoch = FeedEpoch.renew(db);
            out.println("restored into " + config.dataDir() + "; new feed epoch " + epoch
                    + " (clients reload and re-send what the backup lacks)");
        }
        return 0;
    }
}
