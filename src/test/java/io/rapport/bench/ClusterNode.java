package io.rapport.bench;

import java.nio.file.Path;

/** One Rapport JVM of the cluster harness. */
final class ClusterNode {

    final int index;
    final int port;
    final Path log;
    Process process;

    ClusterNode(int index, int port, Path log) {
        this.index = index;
        this.port = port;
        this.log = log;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }
}
