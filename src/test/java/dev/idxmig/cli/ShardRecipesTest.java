package dev.idxmig.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharding recipes in docs/recipes/ (GitHub Actions matrix, GitLab parallel job, Kubernetes Indexed Job):
 * well-formed YAML (no duplicate keys), with the fields each engine requires, the shard count said the same way
 * everywhere it is said, and every idxmig command line in them accepted by idxmig's own command model. No engine's
 * published schema is packaged here, so this is a structural check, not a validation against those schemas.
 */
@Tag("unit")
class ShardRecipesTest {
    private static final Path RECIPES = Path.of("docs/recipes");

    @Test
    void theActionsWorkflowRunsAMatrixOfShardsThroughThisRepositorysActionAndMergesTheirReports() throws IOException {
        Map<String, Object> workflow = yaml(RECIPES.resolve("github-actions-shards.yml"));
        assertTrue(workflow.containsKey("on") && workflow.containsKey("jobs"), "a workflow has on: and jobs:");
        Map<String, Object> migrate = map(map(workflow, "jobs"), "migrate");
        assertTrue(migrate.containsKey("runs-on"));
        List<Object> shards = list(map(map(migrate, "strategy"), "matrix"), "shard");
        int n = shards.size();
        assertEquals(IntStream.rangeClosed(1, n).boxed().toList(), shards, "matrix.shard is 1..N");
        assertEquals("${{ matrix.shard }}/" + n, map(migrate, "env").get("IDXMIG_SHARD"));
        Map<String, Object> inputs = map(yaml(Path.of("action.yml")), "inputs");
        List<Map<String, Object>> ours = new ArrayList<>();
        for (Object job : map(workflow, "jobs").values()) {
            for (Object step : (List<?>) ((Map<?, ?>) job).get("steps")) {
                Map<String, Object> s = cast(step);
                if (String.valueOf(s.get("uses")).startsWith("OWNER/idxmig@")) {
                    ours.add(s);
                    Map<String, Object> with = map(s, "with");
                    assertTrue(inputs.keySet().containsAll(with.keySet()), "inputs action.yml has: " + with.keySet());
                    for (int k = 1; k <= n; k++) {
                        String args = String.valueOf(with.get("args")).replace("${{ matrix.shard }}", "" + k);
                        accepted(with.get("command") + " " + args);
                    }
                }
            }
        }
        assertEquals(2, ours.size(), "a migrate step per shard and a merge step");
        assertTrue(String.valueOf(map(ours.get(0), "with").get("args")).contains("--shard auto"));
        assertEquals("migrate", map(workflow, "jobs").entrySet().stream()
                .filter(e -> e.getKey().equals("report")).map(e -> cast(e.getValue()).get("needs")).findFirst()
                .orElseThrow());
        assertMergesEachShard(String.valueOf(map(ours.get(1), "with").get("args")), 1, n, ".xml");
    }

    @Test
    void theGitlabJobRunsInParallelAndAMergeJobFollows() throws IOException {
        Map<String, Object> ci = yaml(RECIPES.resolve("gitlab-ci-shards.yml"));
        List<Object> stages = list(ci, "stages");
        Map<String, Object> migrate = map(ci, "migrate");
        int n = (Integer) migrate.get("parallel");
        assertTrue(n >= 2 && n <= 200, "GitLab allows parallel: 2..200");
        assertTrue(stages.contains(migrate.get("stage")));
        assertEquals(List.of(""), map(migrate, "image").get("entrypoint"), "the image's entrypoint is idxmig");
        String script = String.join("\n", strings(list(migrate, "script")));
        assertTrue(script.contains("--shard auto"), script);
        accepted(script.replace("$CI_NODE_INDEX", "1"));
        Map<String, Object> report = map(ci, "report");
        assertTrue(stages.indexOf(report.get("stage")) > stages.indexOf(migrate.get("stage")));
        String merge = String.join("\n", strings(list(report, "script")));
        accepted(merge);
        assertMergesEachShard(merge, 1, n, ".xml");
        assertEquals("always", report.get("when"));
    }

    @Test
    void theKubernetesJobIsIndexedWithItsTotalAndCredentialsFromASecret() throws IOException {
        Map<String, Object> job = yaml(RECIPES.resolve("kubernetes-indexed-job.yaml"));
        assertEquals("batch/v1", job.get("apiVersion"));
        assertEquals("Job", job.get("kind"));
        assertTrue(map(job, "metadata").containsKey("name"));
        Map<String, Object> spec = map(job, "spec");
        assertEquals("Indexed", spec.get("completionMode"));
        int completions = (Integer) spec.get("completions");
        int parallelism = (Integer) spec.get("parallelism");
        assertTrue(parallelism >= 1 && parallelism <= completions);
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        assertTrue(List.of("Never", "OnFailure").contains(pod.get("restartPolicy")), "a Job's pods never restart "
                + "Always");
        List<Object> containers = list(pod, "containers");
        assertEquals(1, containers.size());
        Map<String, Object> container = cast(containers.get(0));
        assertTrue(String.valueOf(container.get("image")).contains("idxmig"));
        List<String> args = strings(list(container, "args"));
        assertTrue(String.join(" ", args).contains("--shard auto"), args::toString);
        accepted(args);
        Map<String, Map<String, Object>> env = new java.util.TreeMap<>();
        for (Object e : list(container, "env")) {
            env.put(String.valueOf(cast(e).get("name")), cast(e));
        }
        assertEquals(String.valueOf(completions), env.get("IDXMIG_SHARD_TOTAL").get("value"),
                "IDXMIG_SHARD_TOTAL is the Job's completions, as a string");
        for (String secret : List.of("IDXMIG_PASSWORD", "IDXMIG_URL", "IDXMIG_USER")) {
            Map<String, Object> ref = map(map(env.get(secret), "valueFrom"), "secretKeyRef");
            assertTrue(ref.containsKey("name") && ref.containsKey("key"), secret);
        }
        assertTrue(!env.containsKey("IDXMIG_SHARD"), "auto must read JOB_COMPLETION_INDEX, not a fixed shard");
        // the migrations come from a ConfigMap mounted where the image reads them
        Map<String, String> volumeKinds = new java.util.TreeMap<>();
        for (Object v : list(pod, "volumes")) {
            Map<String, Object> volume = cast(v);
            volumeKinds.put(String.valueOf(volume.get("name")), volume.containsKey("configMap") ? "configMap" : "other");
        }
        boolean mounted = false;
        for (Object m : list(container, "volumeMounts")) {
            Map<String, Object> mount = cast(m);
            mounted |= "/work/migrations".equals(mount.get("mountPath"))
                    && "configMap".equals(volumeKinds.get(String.valueOf(mount.get("name"))));
        }
        assertTrue(mounted, "a ConfigMap at /work/migrations");
    }

    /** The args of a merge step name the reports of shards from..n, each once. */
    private static void assertMergesEachShard(String command, int from, int n, String suffix) {
        for (int k = from; k <= n; k++) {
            assertTrue(command.contains("migrate-" + k + suffix), command);
        }
        assertTrue(!command.contains("migrate-" + (n + 1) + suffix), command);
        assertTrue(command.contains("merge"), command);
    }

    /** idxmig's own parser takes the command line (a shell line, quotes removed; "idxmig" first or not). */
    private static void accepted(String line) {
        List<String> words = new ArrayList<>();
        for (String w : line.trim().split("\\s+")) {
            words.add(w.replaceAll("^['\"]|['\"]$", ""));
        }
        if (words.get(0).equals("idxmig")) {
            words.remove(0);
        }
        accepted(words);
    }

    private static void accepted(List<String> args) {
        try {
            CommandModel.all().parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("idxmig does not take " + args + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        Object doc = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build())
                .loadFromString(Files.readString(file));
        return cast(doc);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        assertTrue(o instanceof Map, "a mapping: " + o);
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertTrue(parent.containsKey(key), "no " + key + " in " + parent.keySet());
        return cast(parent.get(key));
    }

    private static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof List, key + " is a list: " + value);
        return new ArrayList<>((List<?>) value);
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().map(String::valueOf).toList();
    }
}
