package cn.sanwu.installer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** jpackage arguments that turn the finished app image into an installer for one OS. */
final class NativePackage {

    /**
     * Windows Installer upgrade code. Fixed forever: an installer with the same code and a higher
     * version replaces the installed one (data in %LOCALAPPDATA%\Sanwu is never touched).
     */
    static final String WINDOWS_UPGRADE_UUID = "6a3f2c1e-8b4d-4e7a-9c5f-1d2e3f4a5b6c";

    /** Debian section and freedesktop menu category. */
    static final String LINUX_CATEGORY = "Office";

    private NativePackage() {
    }

    static List<String> arguments(String type, Path appDir, Path dest, PackagerOptions o) {
        List<String> a = new ArrayList<>(List.of("--type", type, "--app-image", appDir.toString(), "--dest", dest.toString(),
                "--name", Packager.NAME, "--app-version", o.packageVersion(), "--vendor", "Sanwu",
                "--description", "阳光三务 village disclosure workstation (党务、村务、财务公开)"));
        switch (type) {
            case "deb" -> {
                Path linux = o.resources().resolve("linux");
                a.addAll(List.of("--install-dir", "/opt", "--linux-package-name", Packager.NAME,
                        "--linux-deb-maintainer", "maintainers@sanwu.invalid",
                        "--linux-app-category", "misc", "--linux-menu-group", LINUX_CATEGORY,
                        "--linux-shortcut", "--icon", linux.resolve("sanwu.png").toString(),
                        // Depends: jpackage lists the packages of the shared libraries the runtime
                        // links (dpkg -S on the build machine: gtk3, freetype, X11 …) plus xdg-utils.
                        "--resource-dir", linux.toString()));
            }
            case "msi", "exe" -> {
                Path windows = o.resources().resolve("windows");
                a.addAll(List.of("--win-per-user-install", "--install-dir", "Sanwu",
                        "--win-menu", "--win-menu-group", "三务公开", "--win-shortcut",
                        "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID,
                        "--icon", windows.resolve("sanwu.ico").toString(),
                        "--resource-dir", windows.toString()));
            }
            default -> throw new IllegalArgumentException("not an installer type: " + type);
        }
        return a;
    }
}
