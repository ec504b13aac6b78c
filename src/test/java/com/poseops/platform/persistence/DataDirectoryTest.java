package com.poseops.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The data directory cleans up after a crash, refuses writes when its disk is short, and says so in health. */
class DataDirectoryTest {

    @TempDir
    Path root;

    @Test
    void partFilesAndTemporaryUploadsLeftByAnEarlierRunAreDeletedAtStart() throws Exception {
        Path upload = write(root.resolve("uploads/ab12/9f.image"));
        Path halfUpload = write(root.resolve("uploads/ab12/a0.image.part"));
        Path halfModel = write(root.resolve("models/movenet.tflite.part"));
        Path halfJar = write(root.resolve("runtime/DynamoDBLocal-2.6.1/DynamoDBLocal.jar.part"));
        Path receivedUpload = write(root.resolve("tmp/3c2f.tflite"));
        Path database = write(root.resolve("dynamodb/shared-local-instance.db"));

        try (DataDirectory directory = DataDirectory.open(root, 0)) {
            assertThat(directory.root()).isEqualTo(root);
        }

        assertThat(halfUpload).doesNotExist();
        assertThat(halfModel).doesNotExist();
        assertThat(halfJar).doesNotExist();
        assertThat(receivedUpload).doesNotExist();
        assertThat(upload).as("finished files stay").exists();
        assertThat(database).exists();
    }

    @Test
    void belowTheMinimumFreeSpaceWritesAreRefusedWithAMessageAndHealthIsDown() {
        try (DataDirectory directory = DataDirectory.open(root, Long.MAX_VALUE / 2)) {
            assertThatThrownBy(directory::requireSpace).isInstanceOf(UncheckedIOException.class)
                    .cause().isInstanceOf(DiskFullException.class)
                    .hasMessageContaining(root.toString())
                    .hasMessageContaining("Operations.minFreeDiskSpace")
                    .hasMessageContaining("nothing was changed");
            Health health = new DataDirectoryHealthIndicator(directory).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(health.getDetails().get("error"))).contains("Free some space");
        }
        try (DataDirectory directory = DataDirectory.open(root, 1024)) {
            directory.requireSpace();
            assertThat(new DataDirectoryHealthIndicator(directory).health().getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void aReceivedBodyOverItsLimitLeavesNoFileEvenWithoutADeclaredSize() throws Exception {
        try (DataDirectory directory = DataDirectory.open(root, 0)) {
            TempFiles temp = directory.tempFiles();
            InputStream endless = new InputStream() { // like a chunked body: no size known up front
                @Override
                public int read() {
                    return 'x';
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'x');
                    return length;
                }
            };
            assertThatThrownBy(() -> temp.receive("session-1", endless, 1024 * 1024, ".bin"))
                    .isInstanceOf(TempFiles.TooLargeException.class);
            assertThat(listTemp()).as("files left in tmp/").isEmpty();
            assertThat(temp.count()).isZero();
        }
    }

    @Test
    void aBrokenOffUploadLeavesNoFileAndASessionsFilesGoWithIt() throws Exception {
        try (DataDirectory directory = DataDirectory.open(root, 0)) {
            TempFiles temp = directory.tempFiles();
            InputStream breaksOff = new InputStream() {
                private int sent;

                @Override
                public int read() throws IOException {
                    if (sent++ > 100_000) {
                        throw new IOException("Connection reset by peer (the user cancelled)");
                    }
                    return 'y';
                }
            };
            assertThatThrownBy(() -> temp.receive("session-1", breaksOff, 1024 * 1024, ".bin"))
                    .hasMessageContaining("Connection reset");
            assertThat(listTemp()).isEmpty();

            Path kept = temp.receive("session-2", new ByteArrayInputStream(new byte[1000]), 1024 * 1024, ".bin");
            Path other = temp.receive("session-3", new ByteArrayInputStream(new byte[10]), 1024 * 1024, ".bin");
            assertThat(kept).hasSize(1000);
            temp.release("session-2");
            assertThat(kept).as("the file of an ended session").doesNotExist();
            assertThat(other).as("another session's file").exists();
        }
    }

    private java.util.List<Path> listTemp() throws IOException {
        Path tmp = root.resolve(DataDirectory.TEMP);
        if (!Files.isDirectory(tmp)) {
            return java.util.List.of();
        }
        try (var files = Files.list(tmp)) {
            return files.toList();
        }
    }

    private static Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "content");
    }
}
