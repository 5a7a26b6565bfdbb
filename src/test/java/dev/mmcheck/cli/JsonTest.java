package dev.mmcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.mmcheck.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mmcheck check --json`: the output validates against docs/schema/mmcheck-result-1.json and
 * says what the table says. Control: a document with a required field removed does not validate.
 */
class JsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonSchema schema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(TestSupport.home().resolve("docs/schema/mmcheck-result-1.json")));
    }

    @Test
    void theReportValidatesAndCarriesTheVerdictAndTheTrace(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.mmt"), "scenario \"x\"\nnonsense\n");
        CliTest.Run r = CliTest.run("check", "--json", CliTest.seed("ext3-ordered-2.6.19.mmt"), CliTest.seed("mkclean-x86-2.6.19.mmt"), bad.toString());
        assertThat(r.status()).isEqualTo(2);
        JsonNode doc = MAPPER.readTree(r.out());
        assertThat(schema().validate(doc)).isEmpty();
        JsonNode loss = doc.get("results").get(0);
        assertThat(loss.get("verdict").asText()).isEqualTo("VIOLATION");
        assertThat(loss.get("exitStatus").asInt()).isEqualTo(1);
        JsonNode trace = loss.get("invariants").get(0).get("trace");
        assertThat(loss.get("invariants").get(0).get("invariant").asText()).isEqualTo("data_integrity");
        assertThat(trace.get("steps").size()).isEqualTo(83);
        assertThat(trace.get("message").asText()).contains("disk block f[0].0 holds 1");
        assertThat(trace.get("steps").get(24).get("changes").get(0).get("text").asText()).isEqualTo("disk f[0].0 = 1");
        assertThat(loss.get("statistics").get("states").asLong()).isEqualTo(164_568);
        assertThat(doc.get("results").get(1).get("verdict").asText()).isEqualTo("HOLDS");
        assertThat(doc.get("results").get(2).get("error").asText()).contains("bad.mmt:2:1");

        // Control: the schema is not vacuous.
        ObjectNode broken = (ObjectNode) doc.deepCopy();
        ((ObjectNode) broken.get("results").get(0)).remove("exitStatus");
        assertThat(schema().validate(broken)).isNotEmpty();
    }

    @Test
    void aFramesTraceValidatesWithItsFrameChanges() throws Exception {
        // Page frames bring a change kind of their own (FRAME: allocated, freed).
        CliTest.Run r = CliTest.run("check", "--json", CliTest.seed("anon-dontneed-free-before-flush.mmt"));
        assertThat(r.status()).isEqualTo(1);
        JsonNode doc = MAPPER.readTree(r.out());
        assertThat(schema().validate(doc)).isEmpty();
        JsonNode trace = doc.get("results").get(0).get("invariants").get(0).get("trace");
        assertThat(trace.get("message").asText()).contains("frame#1 filled before that frame was freed");
        assertThat(trace.toString()).contains("\"kind\":\"FRAME\"").contains("frame#1 freed");
    }

    @Test
    void jsonToAFileKeepsTheTable(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r.json");
        CliTest.Run r = CliTest.run("check", "--json=" + out, CliTest.seed("mkclean-x86-2.6.19.mmt"));
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("HOLDS dirty_bit_lost");
        assertThat(schema().validate(MAPPER.readTree(Files.readString(out)))).isEmpty();
    }
}
