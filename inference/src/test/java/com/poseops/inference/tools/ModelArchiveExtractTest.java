package com.poseops.inference.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading model.tar.gz: what the local runner packs, what Python's tarfile (as SageMaker's tooling and the moto
 * extension) writes, and archives that try to write outside their folder.
 */
class ModelArchiveExtractTest {

    @TempDir
    Path temp;

    @Test
    void aPackedModelFolderUnpacksToTheSameFiles() throws Exception {
        Path model = Files.createDirectories(temp.resolve("model"));
        Files.write(model.resolve("model.tflite"), new byte[] {1, 2, 3, 4, 5});
        Files.writeString(model.resolve("calibration.json"), "{\"x\": 1}");
        Path archive = temp.resolve("model.tar.gz");

        ModelArchive.writeDirectory(model, archive);
        List<Path> files = ModelArchive.extract(archive, temp.resolve("out"), 1024);

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("calibration.json", "model.tflite");
        assertThat(Files.readAllBytes(temp.resolve("out/model.tflite"))).containsExactly(1, 2, 3, 4, 5);
        assertThat(Files.readString(temp.resolve("out/calibration.json"))).isEqualTo("{\"x\": 1}");
        Process tar = new ProcessBuilder("tar", "-tzf", archive.toString()).redirectErrorStream(true).start();
        assertThat(new String(tar.getInputStream().readAllBytes()).lines().toList()).as("GNU tar reads it too")
                .containsExactly("calibration.json", "model.tflite");
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anArchiveWrittenByPythonsTarfileWithALongPaxNameIsRead() throws Exception {
        String longName = "a-rather-long-folder-name-that-needs-more-than-one-hundred-characters/"
                + "so-that-tarfile-writes-a-pax-header/model.tflite";
        python("""
                import io, tarfile, sys
                with tarfile.open(sys.argv[1], 'w:gz', format=tarfile.PAX_FORMAT) as t:
                    data = b'model bytes'
                    info = tarfile.TarInfo(sys.argv[2]); info.size = len(data)
                    t.addfile(info, io.BytesIO(data))
                """, temp.resolve("py.tar.gz").toString(), longName);

        ModelArchive.extract(temp.resolve("py.tar.gz"), temp.resolve("out"), 1024);

        assertThat(Files.readString(temp.resolve("out").resolve(longName))).isEqualTo("model bytes");
    }

    @Test
    void anEntryOutsideTheFolderIsRefused() throws Exception {
        python("""
                import io, tarfile, sys
                with tarfile.open(sys.argv[1], 'w:gz') as t:
                    info = tarfile.TarInfo('../evil.txt'); info.size = 1
                    t.addfile(info, io.BytesIO(b'x'))
                """, temp.resolve("evil.tar.gz").toString());

        assertThatThrownBy(() -> ModelArchive.extract(temp.resolve("evil.tar.gz"), temp.resolve("out"), 1024))
                .isInstanceOf(IOException.class).hasMessageContaining("outside its folder: ../evil.txt");
        assertThat(temp.resolve("evil.txt")).doesNotExist();
    }

    private static void python(String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
