package cn.sanwu.client.enroll;

import cn.sanwu.client.i18n.I18n;
import cn.sanwu.client.sync.SyncService;
import cn.sanwu.client.sync.SyncTransport;
import cn.sanwu.client.task.BackgroundRunner;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The enrollment screen (登记到同步服务器): server address, the township's one-time code and a name
 * for this PC. Input is checked before anything is sent; the request runs in the background; a
 * refusal, an unreachable server or a code of another village leaves this PC unenrolled and says
 * why in Chinese. A PC that is already enrolled shows where, and is not re-enrolled from here
 * (its cursor and known revisions belong to that server). UI thread only.
 */
public final class EnrollmentViewModel {

    /** What township codes look like (K7M2-PQ9X-4HTR; the demo's DEMO-2199): letters, digits, dashes, spaces. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{3,63}");
    private static final int MAX_NAME = 60;

    private final SyncService sync;
    private final BackgroundRunner runner;
    private final String villageCode;
    private final StringProperty serverAddress = new SimpleStringProperty("");
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty deviceName = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper enrolled = new ReadOnlyBooleanWrapper(false);
    private Runnable onEnrolled = () -> { };

    public EnrollmentViewModel(SyncService sync, BackgroundRunner runner, String villageCode, String defaultDeviceName) {
        this.sync = sync;
        this.runner = runner;
        this.villageCode = villageCode;
        this.deviceName.set(defaultDeviceName == null ? "" : defaultDeviceName);
        enrolled.set(sync.enrolled());
        if (enrolled.get()) {
            serverAddress.set(sync.serverUrl().orElse(""));
            message.set(I18n.t("enroll.already", sync.serverUrl().orElse("")));
        }
    }

    /** Runs after a successful enrollment (start the first sync). */
    public void setOnEnrolled(Runnable action) {
        this.onEnrolled = action;
    }

    public StringProperty serverAddressProperty() {
        return serverAddress;
    }

    public StringProperty codeProperty() {
        return code;
    }

    public StringProperty deviceNameProperty() {
        return deviceName;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True when {@link #messageProperty()} reports a problem rather than progress or success. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty enrolledProperty() {
        return enrolled.getReadOnlyProperty();
    }

    /**
     * The address as it will be stored: trimmed, {@code https://} assumed when no scheme is typed,
     * no trailing slash. Empty when it is not an http(s) address with a host.
     */
    static Optional<String> normalizeAddress(String typed) {
        String s = typed == null ? "" : typed.strip();
        if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        if (!s.contains("://")) {
            s = "https://" + s;
        }
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(s.replaceAll("/+$", ""));
    }

    /** Checks the form; on success sends the enrollment in the background. False if nothing was sent. */
    public boolean enroll() {
        if (busy.get()) {
            return false;
        }
        if (enrolled.get()) {
            return fail(I18n.t("enroll.already", sync.serverUrl().orElse("")));
        }
        Optional<String> address = normalizeAddress(serverAddress.get());
        if (address.isEmpty()) {
            return fail(I18n.t("enroll.badAddress"));
        }
        String typedCode = code.get() == null ? "" : code.get().strip();
        if (typedCode.isEmpty()) {
            return fail(I18n.t("enroll.noCode"));
        }
        if (!CODE.matcher(typedCode).matches()) {
            return fail(I18n.t("enroll.badCode"));
        }
        String name = deviceName.get() == null ? "" : deviceName.get().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return fail(I18n.t("enroll.badName", MAX_NAME));
        }
        busy.set(true);
        failed.set(false);
        message.set(I18n.t("enroll.sending", address.get()));
        runner.run(() -> sync.enroll(address.get(), typedCode, name, villageCode), done -> {
            busy.set(false);
            enrolled.set(true);
            serverAddress.set(address.get());
            message.set(I18n.t("enroll.done", done.villageCode(), done.deviceId()));
            onEnrolled.run();
        }, error -> {
            busy.set(false);
            fail(describe(error, address.get()));
        });
        return true;
    }

    private static String describe(Throwable error, String address) {
        return switch (error) {
            case SyncTransport.Refused refused -> refused.getMessage();
            case IllegalArgumentException bad -> bad.getMessage();
            case IOException io -> I18n.t("enroll.unreachable", address,
                    io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage());
            default -> I18n.t("error.unexpected", error.getMessage());
        };
    }

    private boolean fail(String text) {
        failed.set(true);
        message.set(text);
        return false;
    }
}
