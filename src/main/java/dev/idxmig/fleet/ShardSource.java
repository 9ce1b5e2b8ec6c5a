package dev.idxmig.fleet;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.Environment;

import java.util.Optional;

/**
 * Where {@code --shard} comes from: {@code K/N} as given, or with {@code auto} the variables of the engine running
 * the job, tried in this order:
 * <ol>
 *   <li>{@code IDXMIG_SHARD=K/N} (set it from a GitHub Actions matrix, or anywhere else);</li>
 *   <li>GitLab CI {@code parallel:}: {@code CI_NODE_INDEX} (1-based) of {@code CI_NODE_TOTAL};</li>
 *   <li>Kubernetes Indexed Job: {@code JOB_COMPLETION_INDEX} (0-based, hence K = index + 1) of
 *       {@code IDXMIG_SHARD_TOTAL} (the Job's {@code completions}; Kubernetes does not pass it on).</li>
 * </ol>
 */
public final class ShardSource {
    public static final String AUTO = "auto";
    public static final String SHARD = "IDXMIG_SHARD";
    public static final String TOTAL = "IDXMIG_SHARD_TOTAL";
    static final String GITLAB_INDEX = "CI_NODE_INDEX";
    static final String GITLAB_TOTAL = "CI_NODE_TOTAL";
    static final String K8S_INDEX = "JOB_COMPLETION_INDEX";

    private ShardSource() {
    }

    /** The shard {@code --shard value} names; a usage error for a value or variables that name none. */
    public static Shard resolve(String value, Environment env) {
        if (!AUTO.equalsIgnoreCase(value.strip())) {
            return Shard.parse(value, "--shard");
        }
        Optional<String> given = env.get(SHARD);
        if (given.isPresent()) {
            return Shard.parse(given.get(), SHARD);
        }
        if (env.get(GITLAB_INDEX).isPresent() || env.get(GITLAB_TOTAL).isPresent()) {
            return Shard.parse(need(env, GITLAB_INDEX) + "/" + need(env, GITLAB_TOTAL),
                    GITLAB_INDEX + "/" + GITLAB_TOTAL);
        }
        if (env.get(K8S_INDEX).isPresent()) {
            String index = need(env, K8S_INDEX);
            if (!index.strip().matches("\\d{1,9}")) {
                throw IdxmigException.usage(K8S_INDEX + " must be a number, not '" + index + "'",
                        "Kubernetes sets it in Indexed Jobs (completionMode: Indexed)");
            }
            return Shard.parse((Integer.parseInt(index.strip()) + 1) + "/" + need(env, TOTAL),
                    K8S_INDEX + "+1/" + TOTAL);
        }
        throw IdxmigException.usage("--shard auto found no shard in the environment",
                "set " + SHARD + "=K/N (GitHub Actions: from the matrix), or run it in a GitLab job with "
                        + "parallel: N (" + GITLAB_INDEX + ", " + GITLAB_TOTAL + ") or a Kubernetes Indexed Job ("
                        + K8S_INDEX + ", with " + TOTAL + " set to its completions); or give --shard K/N");
    }

    private static String need(Environment env, String name) {
        return env.get(name).orElseThrow(() -> IdxmigException.usage("--shard auto: " + name + " is not set",
                name.equals(TOTAL) ? "set " + TOTAL + " to the Indexed Job's completions (the number of shards)"
                        : "GitLab sets " + GITLAB_INDEX + " and " + GITLAB_TOTAL + " together in jobs with parallel: N"));
    }
}
