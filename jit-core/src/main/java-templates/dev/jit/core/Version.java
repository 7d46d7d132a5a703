package dev.jit.core;

/**
 * The product version, written into this source at build time (jit-core's pom filters src/main/java-templates):
 * a constant costs nothing to read, a resource in the jar costs {@code jit --version} a few milliseconds.
 */
public final class Version {
    public static final String VALUE = "${project.version}";

    private Version() {
    }
}
