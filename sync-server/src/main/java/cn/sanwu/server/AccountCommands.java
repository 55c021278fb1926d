package cn.sanwu.server;

import cn.sanwu.model.region.Region;
import cn.sanwu.model.region.RegionLevel;
import cn.sanwu.server.access.Role;
import cn.sanwu.server.account.Refusal;
import cn.sanwu.server.account.User;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The admin commands for regions and users (docs/accounts.md), so that a deployment is set up
 * without SQL. A password is never a command-line argument (it would show in {@code ps} and the
 * shell history): it is typed twice at a console prompt, or read as the first line of stdin.
 */
final class AccountCommands {

    static final Set<String> COMMANDS = Set.of("create-region", "list-regions", "create-user", "set-password",
            "disable-user", "enable-user", "list-users", "revoke-sessions");

    private final Accounts accounts;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    AccountCommands(Accounts accounts, InputStream in, PrintStream out, PrintStream err) {
        this.accounts = accounts;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Runs one command; answers the exit code. Refusals propagate to {@link AdminCommand}. */
    int run(String command, List<String> args) {
        if (args.stream().anyMatch(a -> a.startsWith("--password"))) {
            throw new IllegalArgumentException("passwords are never command-line arguments (ps, shell history):"
                    + " type it at the prompt or give it as the first line of stdin");
        }
        switch (command) {
            case "create-region" -> {
                Region region = new Region(required(args, "--code"), required(args, "--name"),
                        level(required(args, "--level")), Main.option(args, "--parent").orElse(null));
                accounts.regions().create(region);
                out.println("created " + region.level().name().toLowerCase(Locale.ROOT) + " " + region.code() + " "
                        + region.name());
            }
            case "list-regions" -> {
                out.println("code\tlevel\tname\tparent");
                for (Region r : accounts.regions().list()) {
                    out.println(r.code() + "\t" + r.level().name().toLowerCase(Locale.ROOT) + "\t" + r.name() + "\t"
                            + (r.parentCode() == null ? "-" : r.parentCode()));
                }
            }
            case "create-user" -> {
                String username = required(args, "--username");
                Role role = Role.fromId(required(args, "--role")).filter(Role::isPersonRole).orElseThrow(() ->
                        new IllegalArgumentException("--role must be one of " + personRoles()));
                String scope = Main.option(args, "--scope").orElse(null);
                String name = Main.option(args, "--name").orElse(null);
                User user = accounts.users().createUser(username, name, role, scope, newPassword(username));
                out.println("created user " + user.username() + " (" + user.role().id() + ", scope "
                        + (user.scopeCode() == null ? "all" : user.scopeCode()) + ")");
            }
            case "set-password" -> {
                String username = positional(args, "set-password USERNAME");
                if (accounts.users().find(username).isEmpty()) { // before asking for a password in vain
                    throw new Refusal(Refusal.Kind.UNKNOWN, "USER_UNKNOWN", "没有这个用户：" + username);
                }
                accounts.users().setPassword(username, newPassword(username));
                out.println("password changed for " + username + "; open sessions ended");
            }
            case "disable-user", "enable-user" -> {
                String username = positional(args, command + " USERNAME");
                boolean disable = command.equals("disable-user");
                boolean changed = accounts.users().setDisabled(username, disable);
                out.println(username + (changed ? "" : " was already") + (disable ? " disabled" : " enabled")
                        + (disable ? "; open sessions ended" : ""));
            }
            case "list-users" -> {
                out.println("username\trole\tscope\tname\tcreated\tdisabled");
                for (User u : accounts.users().list()) {
                    out.println(u.username() + "\t" + u.role().id() + "\t" + (u.scopeCode() == null ? "all" : u.scopeCode())
                            + "\t" + u.displayName() + "\t" + u.createdAt() + "\t" + (u.disabledAt() == null ? "-" : u.disabledAt()));
                }
            }
            case "revoke-sessions" -> {
                String username = positional(args, "revoke-sessions USERNAME");
                out.println("ended " + accounts.users().revokeSessions(username) + " open session(s) of " + username);
            }
            default -> throw new IllegalArgumentException("unknown admin command: " + command);
        }
        return 0;
    }

    /** Typed twice at a console; otherwise the first line of stdin (for scripts: {@code printf '%s\n' "$PW" | …}). */
    private String newPassword(String username) {
        Console console = System.console();
        if (console != null && in == System.in) {
            char[] first = console.readPassword("new password for %s: ", username);
            char[] second = console.readPassword("repeat it: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the two passwords differ; nothing changed");
            }
            return new String(first);
        }
        err.println("reading the password for " + username + " from the first line of stdin");
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password on stdin; nothing changed");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RegionLevel level(String typed) {
        try {
            return RegionLevel.valueOf(typed.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--level must be one of " + Arrays.stream(RegionLevel.values())
                    .map(l -> l.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")), e);
        }
    }

    private static String personRoles() {
        return Arrays.stream(Role.values()).filter(Role::isPersonRole).map(Role::id).collect(Collectors.joining(", "));
    }

    private static String required(List<String> args, String name) {
        return Main.option(args, name).orElseThrow(() -> new IllegalArgumentException("missing " + name + " VALUE"));
    }

    private static String positional(List<String> args, String usage) {
        if (args.size() != 1 || args.getFirst().startsWith("--")) {
            throw new IllegalArgumentException("usage: admin " + usage);
        }
        return args.getFirst();
    }
}
