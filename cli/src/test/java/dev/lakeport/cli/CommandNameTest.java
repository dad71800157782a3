package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The command line calls itself by the launcher's name, so help and hints print commands a user can paste. */
class CommandNameTest {
    @Test
    void helpAndVersionUseTheLauncherName() {
        CliRunner.Result help = CliRunner.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: lakeport-cli ");

        CliRunner.Result version = CliRunner.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("lakeport-cli ");
    }

    @Test
    void aSubcommandsUsageNamesTheLauncher() {
        CliRunner.Result help = CliRunner.run("diff", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: lakeport-cli diff ");
    }

    @Test
    void theCommandLineCarriesNoKeyring() {
        // The keyring and its D-Bus library are the desktop's; the command line's runtime leaves them out.
        assertThatThrownBy(() -> Class.forName("com.github.javakeyring.Keyring"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.freedesktop.dbus.connections.impl.DBusConnection"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
