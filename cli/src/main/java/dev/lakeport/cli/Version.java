package dev.lakeport.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (the Maven project version). */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = LakeportCommand.class.getPackage().getImplementationVersion();
        return new String[] {"lakeport-cli " + (v == null ? "(development build)" : v), "Java " + Runtime.version()};
    }
}
