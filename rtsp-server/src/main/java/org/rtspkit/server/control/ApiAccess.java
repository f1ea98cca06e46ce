package org.rtspkit.server.control;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Decides whether a control API call may go through: the hook where the server's access rules plug
 * in once it has them. Until then the server uses {@link #OPEN}, and the README says to keep the
 * metrics address on loopback or a private network.
 */
@FunctionalInterface
public interface ApiAccess {
    /** Lets every call through. */
    ApiAccess OPEN = call -> Optional.empty();

    /**
     * @return empty to let the call through, or why it is refused
     */
    Optional<Refusal> check(Call call);

    /**
     * One call as the rules see it.
     *
     * @param method        {@code GET} or {@code POST}
     * @param path          the request path ({@code /v1/sessions/ID/kick})
     * @param remote        who calls
     * @param authorization the {@code Authorization} header; null when absent
     */
    record Call(String method, String path, InetSocketAddress remote, String authorization) {
        /** Keeps the credentials out of logs. */
        @Override
        public String toString() {
            return "Call[" + method + " " + path + " from " + remote + "]";
        }
    }

    /**
     * A refusal: the HTTP status ({@code 401}, {@code 403}) and a reason for the body.
     *
     * @param challenge a {@code WWW-Authenticate} value for 401; null for none
     */
    record Refusal(int status, String reason, String challenge) {
    }
}
