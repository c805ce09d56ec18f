package io.rapport.web.internal.tokens;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.CallerProvider;
import io.rapport.security.PersonalAccessTokens;
import io.rapport.security.PersonalAccessTokens.TokenInfo;
import io.rapport.security.PersonalAccessTokens.TokenScope;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My access tokens": the signed-in person issues personal access tokens for scripts (name, read or read-write,
 * lifetime), sees the secret once, lists their tokens and revokes them. Any signed-in user, whatever their roles.
 */
@Controller
class AccessTokensPageController {

    static final int PAGE_SIZE = 20;
    static final List<Integer> LIFETIMES = List.of(7, 30, 90, 365);

    private final PersonalAccessTokens tokens;
    private final CallerProvider callers;
    private final MessageSource messages;

    AccessTokensPageController(PersonalAccessTokens tokens, CallerProvider callers, MessageSource messages) {
        this.tokens = tokens;
        this.callers = callers;
        this.messages = messages;
    }

    /** One token as the page shows it, dates in the person's language and time zone. */
    record TokenRow(UUID id, String name, String scope, String createdOn, String expiresOn) {
    }

    @GetMapping("/settings/tokens")
    String list(@RequestParam(defaultValue = "1") int page, Locale locale, Model model) {
        int p = Math.max(1, page);
        List<TokenInfo> found = tokens.mine(p, PAGE_SIZE + 1);
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone());
        model.addAttribute("tokens", found.stream().limit(PAGE_SIZE).map(t -> new TokenRow(t.id(), t.name(),
                t.scope().value(), format.format(t.createdOn()), format.format(t.expiresOn()))).toList());
        model.addAttribute("page", p);
        model.addAttribute("hasMore", found.size() > PAGE_SIZE);
        model.addAttribute("lifetimes", LIFETIMES);
        model.addAttribute("maxName", 200);
        return "settings/tokens";
    }

    @PostMapping("/settings/tokens")
    String issue(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String scope,
            @RequestParam(defaultValue = "0") String days, Locale locale, Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        List<String> problems = new ArrayList<>();
        if (name.isBlank() || name.strip().length() > 200) {
            problems.add(messages.getMessage("tokens.error.name", null, locale));
        }
        TokenScope chosen = scope(scope);
        if (chosen == null) {
            problems.add(messages.getMessage("tokens.error.scope", null, locale));
        }
        Integer lifetime = LIFETIMES.stream().filter(d -> d.toString().equals(days)).findFirst().orElse(null);
        if (lifetime == null) {
            problems.add(messages.getMessage("tokens.error.lifetime", null, locale));
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", problems);
            model.addAttribute("name", name);
            return list(1, locale, model);
        }
        var issued = tokens.issue(name, chosen, lifetime);
        model.addAttribute("issued", issued.secret());
        model.addAttribute("issuedName", issued.info().name());
        return list(1, locale, model);
    }

    @PostMapping("/settings/tokens/{id}/revoke")
    String revoke(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        try {
            tokens.revoke(id);
        } catch (RapportException e) {
            if (e.code() == ErrorCode.OBJECT_DOES_NOT_EXIST) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            throw e;
        }
        flash.addFlashAttribute("notice", messages.getMessage("tokens.revoked", null, locale));
        return "redirect:/settings/tokens";
    }

    private ZoneId zone() {
        return callers.current().zone();
    }

    private static TokenScope scope(String value) {
        try {
            return TokenScope.of(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
