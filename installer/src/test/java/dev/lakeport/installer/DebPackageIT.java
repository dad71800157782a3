package dev.lakeport.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb as dpkg sees it: its metadata (name, version, the GTK and GL packages JavaFX needs), its files (both
 * launchers, the runtime, the Spark job, the icon), a menu entry that starts the desktop, and a size a user downloads.
 */
@EnabledOnOs(OS.LINUX)
class DebPackageIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final long MAX_BYTES = 150L * 1024 * 1024;

    @TempDir
    static Path work;

    private static Path deb;

    @BeforeAll
    static void findPackage() throws IOException {
        Path dir = Path.of(System.getProperty("lakeport.installers"));
        List<Path> debs = List.of();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                debs = files.filter(p -> p.toString().endsWith(".deb")).toList();
            }
        }
        if (debs.isEmpty()) {
            // The build said why when it skipped the package (a tool missing outside CI); in CI it fails before this.
            Assumptions.assumeFalse(
                    Boolean.getBoolean("lakeport.nativeSkipped"), "the .deb was skipped: fakeroot or objcopy missing");
            fail("no .deb in " + dir);
        }
        assertThat(debs).hasSize(1);
        deb = debs.get(0);
    }

    private static Processes.Result dpkgDeb(String... args) throws Exception {
        List<String> command =
                Stream.concat(Stream.of("dpkg-deb"), Stream.of(args)).toList();
        Processes.Result result = Processes.run(command, work, Map.of(), TIMEOUT);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result;
    }

    @Test
    void metadataNamesThePackageAndWhatJavaFxNeeds() throws Exception {
        String info = dpkgDeb("--info", deb.toString()).out();

        assertThat(info)
                .contains("Package: lakeport")
                .contains("Version: " + AppImage.version().replaceFirst("[^0-9.].*$", "") + "-1")
                .contains("Section: devel")
                .contains("Architecture: amd64");
        String depends = info.lines()
                .filter(l -> l.strip().startsWith("Depends:"))
                .findFirst()
                .orElseThrow();
        assertThat(depends).contains("libgtk-3-0 | libgtk-3-0t64", "libgl1", "libxtst6");
    }

    @Test
    void contentsHoldBothLaunchersTheRuntimeAndTheSparkJob() throws Exception {
        String contents = dpkgDeb("--contents", deb.toString()).out();

        assertThat(contents)
                .contains("./opt/lakeport/bin/lakeport\n")
                .contains("./opt/lakeport/bin/lakeport-cli\n")
                .contains("./opt/lakeport/lib/runtime/lib/server/libjvm.so")
                .contains("./opt/lakeport/lib/app/lakeport-app-" + AppImage.version() + ".jar")
                .contains("./opt/lakeport/lib/app/lakeport-cli-" + AppImage.version() + ".jar")
                .contains("./opt/lakeport/lib/app/spark/lakeport-spark-job.jar")
                .contains("./opt/lakeport/lib/lakeport.png")
                .contains("./opt/lakeport/lib/lakeport-lakeport.desktop");
        assertThat(contents).doesNotContain("/runtime/bin/javac", "/runtime/bin/jlink");
    }

    @Test
    void theMenuEntryStartsTheDesktop() throws Exception {
        Path root = work.resolve("extracted");
        dpkgDeb("-x", deb.toString(), root.toString());
        String entry = Files.readString(root.resolve("opt/lakeport/lib/lakeport-lakeport.desktop"));

        assertThat(entry)
                .contains("Name=Lakeport")
                .contains("Exec=/opt/lakeport/bin/lakeport")
                .contains("Icon=/opt/lakeport/lib/lakeport.png")
                .containsPattern("Categories=.*Development;");
        assertThat(root.resolve("opt/lakeport/bin/lakeport")).isExecutable();
        assertThat(root.resolve("opt/lakeport/lib/lakeport.png")).isNotEmptyFile();
        // The launcher the entry names runs the desktop's main class.
        assertThat(Files.readString(root.resolve("opt/lakeport/lib/app/lakeport.cfg")))
                .contains("app.mainclass=dev.lakeport.app.Launcher");
        // The package puts the desktop, and only the desktop, into the menus and takes it out on removal.
        String postinst = dpkgDeb("-I", deb.toString(), "postinst").out();
        assertThat(postinst)
                .contains("xdg-desktop-menu install /opt/lakeport/lib/lakeport-lakeport.desktop")
                .doesNotContain("lakeport-cli.desktop");
        String prerm = dpkgDeb("-I", deb.toString(), "prerm").out();
        assertThat(prerm).contains("xdg-desktop-menu uninstall /opt/lakeport/lib/lakeport-lakeport.desktop");
    }

    @Test
    void contentsHoldTheCommandLinesBashCompletion() throws Exception {
        String contents = dpkgDeb("--contents", deb.toString()).out();
        assertThat(contents).contains("./opt/lakeport/lib/app/completion/lakeport-cli\n");

        Path root = work.resolve("completion");
        dpkgDeb("-x", deb.toString(), root.toString());
        String completion = Files.readString(root.resolve("opt/lakeport/lib/app/completion/lakeport-cli"));
        // picocli's script, for every command of the command line.
        assertThat(completion).contains("complete -F _complete_lakeport-cli");
        String commands = completion
                .lines()
                .filter(line -> line.strip().startsWith("local commands="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no top-level command list in the completion script"));
        assertThat(commands.substring(commands.indexOf('"') + 1, commands.lastIndexOf('"'))
                        .split(" "))
                .contains(
                        "load",
                        "assess",
                        "diff",
                        "apply",
                        "migrate",
                        "verify",
                        "exclude",
                        "connectors",
                        "report",
                        "emulators",
                        "copy",
                        "tasks",
                        "submit",
                        "sample",
                        "bench");
    }

    /**
     * Runs the package's postinst and prerm against its extracted files in a scratch root (their absolute paths moved
     * under it, the menu tool stubbed): both launchers land on the PATH in /usr/bin and the completion in
     * bash-completion's directory, and removal takes exactly those links away.
     */
    @Test
    void installLinksBothLaunchersIntoUsrBinAndTheCompletionAndRemovalTakesThemOut() throws Exception {
        Path root = work.resolve("root");
        dpkgDeb("-x", deb.toString(), root.toString());
        Path postinst = script("postinst", root);
        Path prerm = script("prerm", root);

        Processes.Result installed =
                Processes.run(List.of("sh", postinst.toString(), "configure"), work, Map.of(), TIMEOUT);
        assertThat(installed.exitCode()).as(installed.describe()).isZero();
        for (String launcher : List.of("lakeport", "lakeport-cli")) {
            Path link = root.resolve("usr/bin/" + launcher);
            assertThat(Files.isSymbolicLink(link)).as(link.toString()).isTrue();
            assertThat(Files.readSymbolicLink(link)).isEqualTo(root.resolve("opt/lakeport/bin/" + launcher));
            assertThat(link).isExecutable();
        }
        Path completion = root.resolve("usr/share/bash-completion/completions/lakeport-cli");
        assertThat(Files.isSymbolicLink(completion)).isTrue();
        assertThat(Files.readString(completion)).contains("complete -F _complete_lakeport-cli");

        Path foreign = Files.createDirectories(root.resolve("usr/local/bin")).resolve("lakeport");
        Files.writeString(foreign, "#!/bin/sh\n");
        Processes.Result removed = Processes.run(List.of("sh", prerm.toString(), "remove"), work, Map.of(), TIMEOUT);
        assertThat(removed.exitCode()).as(removed.describe()).isZero();
        assertThat(root.resolve("usr/bin/lakeport")).doesNotExist();
        assertThat(root.resolve("usr/bin/lakeport-cli")).doesNotExist();
        assertThat(Files.isSymbolicLink(completion)).isFalse();
        assertThat(completion).doesNotExist();
        assertThat(foreign).exists();
    }

    /** The package's maintainer script with its absolute paths moved under {@code root} and no menu tool. */
    private static Path script(String name, Path root) throws Exception {
        String text = dpkgDeb("-I", deb.toString(), name).out();
        assertThat(text).contains("/usr/bin/").contains("/usr/share/bash-completion/completions/lakeport-cli");
        String moved = text.replace("/opt/lakeport", root + "/opt/lakeport")
                .replace("/usr/bin/", root + "/usr/bin/")
                .replace("/usr/share/", root + "/usr/share/")
                .replace("xdg-desktop-menu", "true");
        Files.createDirectories(root.resolve("usr/bin"));
        return Files.writeString(work.resolve(name + ".sh"), moved);
    }

    @Test
    void thePackageStaysUnder150MB() throws Exception {
        assertThat(Files.size(deb)).isLessThan(MAX_BYTES);
    }
}
