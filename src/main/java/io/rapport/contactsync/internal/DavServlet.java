package io.rapport.contactsync.internal;

import ezvcard.VCardVersion;
import io.rapport.contactsync.internal.DavXml.BadRequest;
import io.rapport.contactsync.internal.DavXml.Name;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CardDAV endpoint (RFC 6352) under {@code /dav}, with {@code /.well-known/carddav} (RFC 6764) redirecting to
 * it. A servlet of its own because WebDAV's PROPFIND and REPORT are no methods Spring MVC dispatches. Resources:
 * <pre>
 * /dav/                                      root: current-user-principal
 * /dav/principals/{userid}/                  the person: addressbook-home-set
 * /dav/addressbooks/{userid}/                their address book home
 * /dav/addressbooks/{userid}/contacts/       their one address book (sync filter)
 * /dav/addressbooks/{userid}/contacts/{name} a card
 * </pre>
 * Another person's paths answer 404 (nothing reveals whether they exist).
 */
class DavServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(DavServlet.class);
    static final int MAX_CARD_BYTES = 1 << 20;
    static final String BOOK = "contacts";

    private final transient CallerProvider callers;
    private final transient DavCollections collections;
    private final transient DavCards cardHandler;

    DavServlet(CallerProvider callers, DavCollections collections, DavCards cardHandler) {
        this.callers = callers;
        this.collections = collections;
        this.cardHandler = cardHandler;
    }

    /** Where a request points. */
    record Target(Kind kind, UUID userId, String cardName) {
        enum Kind { ROOT, PRINCIPAL, HOME, BOOK, CARD }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/.well-known/carddav")) {
            response.setStatus(301);
            response.setHeader("Location", request.getContextPath() + "/dav/");
            return;
        }
        Caller caller = callers.current().withChannel(Channel.API);
        try {
            Optional<Target> target = target(path, caller);
            String method = request.getMethod();
            if ("OPTIONS".equals(method)) {
                response.setHeader("DAV", "1, 3, addressbook");
                response.setHeader("Allow", "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, REPORT");
                response.setStatus(200);
                return;
            }
            if (target.isEmpty()) {
                response.sendError(404);
                return;
            }
            Target t = target.get();
            switch (method) {
                case "PROPFIND" -> collections.propfind(caller, t, request, response);
                case "REPORT" -> collections.report(caller, t, request, response);
                case "GET", "HEAD" -> cardHandler.get(caller, t, request, response, "HEAD".equals(method));
                case "PUT" -> cardHandler.put(caller, t, request, response);
                case "DELETE" -> cardHandler.delete(caller, t, request, response);
                default -> {
                    response.setHeader("Allow", "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, REPORT");
                    response.sendError(405);
                }
            }
        } catch (BadRequest e) {
            text(response, e.status, e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause(); // the client went away while a multistatus was streamed to it
        } catch (RapportException e) {
            int status = e.code().httpStatus();
            log.info("carddav request refused path={} status={} code={} reason={}", path, status, e.code().hex(),
                    e.getMessage());
            text(response, status >= 500 ? 500 : status, e.getMessage());
        }
    }

    /** The resource of the path when it belongs to the caller. */
    static Optional<Target> target(String path, Caller caller) {
        String[] parts = java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
                .map(DavServlet::decode).toArray(String[]::new);
        if (parts.length == 0 || java.util.Arrays.asList(parts).contains(null) || !"dav".equals(parts[0])) {
            return Optional.empty();
        }
        if (parts.length == 1) {
            return Optional.of(new Target(Target.Kind.ROOT, caller.userId(), null));
        }
        if (parts.length < 3 || !caller.userId().toString().equals(parts[2])) {
            return Optional.empty();
        }
        if ("principals".equals(parts[1]) && parts.length == 3) {
            return Optional.of(new Target(Target.Kind.PRINCIPAL, caller.userId(), null));
        }
        if (!"addressbooks".equals(parts[1])) {
            return Optional.empty();
        }
        if (parts.length == 3) {
            return Optional.of(new Target(Target.Kind.HOME, caller.userId(), null));
        }
        if (!BOOK.equals(parts[3])) {
            return Optional.empty();
        }
        if (parts.length == 4) {
            return Optional.of(new Target(Target.Kind.BOOK, caller.userId(), null));
        }
        return parts.length == 5 ? Optional.of(new Target(Target.Kind.CARD, caller.userId(), parts[4]))
                : Optional.empty();
    }

    /** A path segment decoded ({@code +} stays a plus), or null when its escapes are malformed ({@code %zz}). */
    static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String principalHref(UUID userId) {
        return "/dav/principals/" + userId + "/";
    }

    static String homeHref(UUID userId) {
        return "/dav/addressbooks/" + userId + "/";
    }

    static String bookHref(UUID userId) {
        return homeHref(userId) + BOOK + "/";
    }

    static String cardHref(UUID userId, String name) {
        return bookHref(userId) + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static void text(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            // a multistatus was being streamed: the client cannot be told, so the response is cut short (the
            // connection closes without its end) rather than ended as if it were whole
            throw new IOException("CardDAV response cut short with status " + status + ": " + message);
        }
        response.resetBuffer(); // what a streamed multistatus wrote so far, if anything
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        byte[] bytes = (message == null ? "" : message).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void xml(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/xml;charset=utf-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** A 207 multistatus streamed to the client as it is written. */
    static DavXml.Multistatus multistatus(HttpServletResponse response) throws IOException {
        response.setStatus(207);
        response.setContentType("application/xml;charset=utf-8");
        return new DavXml.Multistatus(new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16));
    }

    /** A precondition failure ({@code DAV:error} body). */
    static void precondition(HttpServletResponse response, int status, Name condition) throws IOException {
        xml(response, status, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:error xmlns:d=\"DAV:\" xmlns:card=\""
                + DavXml.CARDDAV + "\">" + DavXml.empty(condition) + "</d:error>");
    }

    /** The vCard version a client asked for in {@code address-data}, or null for the card's own. */
    static VCardVersion version(String value) {
        return "4.0".equals(value) ? VCardVersion.V4_0 : "3.0".equals(value) ? VCardVersion.V3_0 : null;
    }

    static byte[] body(HttpServletRequest request, int max) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(max + 1);
        if (bytes.length > max) {
            throw new BadRequest(413, "The request body is larger than " + max + " bytes.");
        }
        return bytes;
    }
}
