package cn.sanwu.server;

import cn.sanwu.model.log.Ed25519NoteVerifier;
import cn.sanwu.model.log.NoteVerifier;
import cn.sanwu.server.config.ServerConfig;
import cn.sanwu.server.ledger.LedgerAudit;
import cn.sanwu.server.ledger.LogSigningKeys;
import cn.sanwu.server.ledger.PublicationLedger;
import cn.sanwu.server.store.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The transparency log's admin commands (docs/operations.md): {@code audit [--checkpoint FILE]…
 * [--key VERIFIER-KEY]…}, {@code checkpoint}, {@code log-key show|add|retire KEYID}.
 */
final class LedgerAdminCommand {

    static final List<String> COMMANDS = List.of("audit", "checkpoint", "log-key");
    /** {@code admin audit} found tampering. */
    static final int TAMPERED = 3;

    private LedgerAdminCommand() {
    }

    static int run(String command, List<String> args, ServerConfig config, Database db, PrintStream out, PrintStream err)
            throws IOException {
        try {
            return runCommand(command, args, config, db, out, err);
        } catch (IllegalStateException e) {
            // Key file missing or unreadable, a log that no longer gives its signed root: say so, no stack trace.
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int runCommand(String command, List<String> args, ServerConfig config, Database db, PrintStream out,
            PrintStream err) throws IOException {
        return switch (command) {
            case "audit" -> audit(args, config, db, out);
            case "checkpoint" -> {
                out.print(SyncServer.transparencyLog(db, config, Clock.systemUTC()).signNow().signedNote());
                yield 0;
            }
            case "log-key" -> logKey(args, config, out, err);
            default -> throw new IllegalArgumentException("unknown admin command: " + command);
        };
    }

    /**
     * Exit 0 when everything recomputes, {@link #TAMPERED} with one line per finding otherwise.
     * Trusts the key file's keys (signing and retired) unless {@code --key} names the keys to trust
     * (then a replaced key file cannot vouch for forged checkpoints).
     */
    private static int audit(List<String> args, ServerConfig config, Database db, PrintStream out) throws IOException {
        List<String> external = new ArrayList<>();
        List<NoteVerifier> keys = new ArrayList<>();
        for (String file = Main.option(args, "--checkpoint").orElse(null); file != null;
                file = Main.option(args, "--checkpoint").orElse(null)) {
            external.add(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        }
        for (String key = Main.option(args, "--key").orElse(null); key != null; key = Main.option(args, "--key").orElse(null)) {
            keys.add(Ed25519NoteVerifier.parseVerifierKey(key));
        }
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("audit takes only --checkpoint FILE and --key VERIFIER-KEY, not " + args);
        }
        if (keys.isEmpty()) {
            keys.addAll(LogSigningKeys.load(config.log()).allVerifiers());
        }
        LedgerAudit.Report report = new LedgerAudit(new PublicationLedger(), config.log().origin(), keys).run(db, external);
        out.println("audited " + report.records() + " published records, " + report.leaves() + " log leaves, "
                + report.checkpoints() + " stored checkpoints" + (external.isEmpty() ? "" : " + " + external.size() + " external")
                + ", " + report.auditEvents() + " audit events");
        if (report.clean()) {
            out.println("OK: every hash, the log and the audit chain recompute; no tampering found");
            return 0;
        }
        for (LedgerAudit.Finding f : report.findings()) {
            out.println("TAMPERED " + f);
        }
        out.println(report.findings().size() + " finding(s): the database was changed outside the server");
        return TAMPERED;
    }

    private static int logKey(List<String> args, ServerConfig config, PrintStream out, PrintStream err) {
        String sub = args.isEmpty() ? "show" : args.getFirst();
        switch (sub) {
            case "show" -> {
                LogSigningKeys keys = LogSigningKeys.load(config.log());
                out.println("# signing (origin " + config.log().origin() + ", file " + config.log().keyFile() + ")");
                keys.verifierKeys().forEach(out::println);
            }
            case "add" -> {
                out.println(LogSigningKeys.add(config.log()));
                err.println("added; every instance needs the new key file. Checkpoints are now signed by every key in it.");
            }
            case "retire" -> {
                if (args.size() != 2) {
                    throw new IllegalArgumentException("log-key retire needs the 8-hex-digit key ID (see log-key show)");
                }
                if (!LogSigningKeys.retire(config.log(), args.get(1))) {
                    err.println("no signing key with ID " + args.get(1));
                    return 1;
                }
                out.println("retired " + args.get(1) + " (its public key stays in the file for the audit)");
            }
            default -> throw new IllegalArgumentException("log-key show | add | retire KEYID");
        }
        return 0;
    }
}
