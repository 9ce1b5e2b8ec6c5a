package dev.idxmig.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes passwords from text before it reaches a terminal, a log or a report. It masks the secrets it knows
 * and, as a second line of defence, anything that looks like a password in a URL.
 */
public final class SecretMasker {
    static final String MASK = "****";
    private static final Pattern URL_PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;\\s]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(://[^:/@\\s]*:)[^@\\s]*@");

    private final List<String> secrets;

    private SecretMasker(List<String> secrets) {
        this.secrets = secrets;
    }

    public static SecretMasker none() {
        return new SecretMasker(List.of());
    }

    public SecretMasker with(Secret secret) {
        List<String> all = new ArrayList<>(secrets);
        String value = secret.reveal();
        if (!value.isEmpty()) {
            all.add(value);
            // The same password percent-encoded, as it stands in a DATABASE_URL.
            all.add(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return new SecretMasker(List.copyOf(all));
    }

    public String mask(String text) {
        if (text == null) {
            return "";
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        masked = URL_PASSWORD_PARAM.matcher(masked).replaceAll("$1" + MASK);
        return URL_USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }
}
