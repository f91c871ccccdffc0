package dev.eventport.testkit.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Machine-local resources of an embedded broker.
 *
 * <p>Contract: {@link #newTemporaryDirectory(String, String)} creates a directory the caller must delete with
 * {@link #deleteRecursively(Path, String)}; {@link #freeLoopbackPort(String)} returns a port that was free on 127.0.0.1 when asked (another
 * process may still take it before the broker binds it: brokers retry on a clash); {@link #deleteRecursively(Path,
 * String)} removes a directory and everything under it, does nothing when it does not exist, and fails with an
 * {@link UncheckedIOException} naming what the directory was for.
 */
public final class LocalResources {

    private LocalResources() {
    }

    /** A loopback port free at the time of the call; {@code purpose} names the broker in the error. */
    public static int freeLoopbackPort(String purpose) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port for " + purpose, e);
        }
    }

    /** A new, empty temporary directory named {@code prefix...}; {@code purpose} names the broker in the error. */
    public static Path newTemporaryDirectory(String prefix, String purpose) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for " + purpose, e);
        }
    }

    /** Deletes {@code root} and its content; {@code purpose} names the directory in the error. */
    public static void deleteRecursively(Path root, String purpose) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + purpose + " " + root, e);
        }
    }
}
