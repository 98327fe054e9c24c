package io.chatrelay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.Relay;
import io.chatrelay.config.Secret;
import io.chatrelay.ingest.SignatureVerifier;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Browser;
import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import io.chatrelay.testkit.ManualClock;
import io.chatrelay.testkit.RelayUnderTest;
import io.chatrelay.testkit.Sink;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** The console in a real headless Chromium: what an operator does to find a lost lead and send it again. */
class ConsoleBrowserTest {

    private static final String TOKEN = "console-admin-token-7";
    private static final String MARKUP = "<img src=x onerror=alert(1)>";
    private static Browser browser;
    private static WebDriver driver;

    @TempDir
    Path dir;
    Sink discord;
    Sink crm;
    Relay relay;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
        driver = browser.driver();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        if (driver.getCurrentUrl().startsWith("http")) {
            driver.manage().deleteAllCookies(); // signed out: cookies are per host, and every relay here is 127.0.0.1
        }
        discord = Sink.ok();
        crm = Sink.ok();
        relay = Relay.start(RelayUnderTest.config(dir, """
                delivery: {max_attempts: 3, backoff: {initial: 20ms, max: 50ms}}
                admin: {token: %s}
                destinations:
                  sales-discord: {type: discord, webhook_url: "%s"}
                  crm: {type: webhook, url: "%s", claim_link_header: X-Relay-Claim-Url}
                routes:
                  - {name: leads, match: {event: lead-submission}, to: [sales-discord]}
                  - {name: corporate, match: {event: lead-submission, lead.email: {regex: "@bigcorp\\\\.com$"}}, to: [crm]}
                  - {name: archive, match: {event: [chat, live-chat-escalation]}, to: [crm]}
                """.formatted(TOKEN, discord.url("/api/webhooks/1/token"), crm.url("/hook"))));
    }

    @AfterEach
    void stop() {
        relay.close();
        discord.close();
        crm.close();
    }

    private String base() {
        return "http://127.0.0.1:" + relay.port();
    }

    private String post(byte[] body) throws Exception {
        return new ObjectMapper().readTree(Http.postSigned(relay.port(), RelayUnderTest.SECRET, body).body())
                .path("id").asText();
    }

    private void awaitDead(int count) {
        Eventually.holds(count + " dead deliveries", () -> Http.execute(new Request.Builder()
                .url(base() + "/admin/destinations").header("Authorization", "Bearer " + TOKEN).build()).body()
                .contains("\"dead\":" + count));
    }

    private void signIn() {
        driver.get(base() + "/admin/");
        WebElement token = browser.await("the sign-in form", d -> visible(d, By.id("token")));
        assertThat(token.getAttribute("type")).isEqualTo("password");
        token.sendKeys("not-the-token", Keys.ENTER);
        browser.await("a wrong token is refused", d -> d.findElement(By.id("signin-error")).getText()
                .contains("not the admin token"));
        driver.findElement(By.id("token")).sendKeys(TOKEN, Keys.ENTER);
        browser.await("the events page", d -> visible(d, By.id("counts")));
    }

    private static WebElement visible(WebDriver driver, By by) {
        return driver.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    @Test
    void anEscalationsPageSaysWhoTookItAndWhyItsFollowUpWasSkipped() throws Exception {
        relay.close();
        ManualClock clock = new ManualClock();
        relay = Relay.start(Platforms.loader(Map.of()).parse("""
                server: {port: 0, public_url: "https://relay.example.com"}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                admin: {token: %s}
                destinations:
                  crm: {type: webhook, url: "%s", claim_link_header: X-Relay-Claim-Url}
                  pager: {type: webhook, url: "%s", claim_link_header: X-Relay-Claim-Url}
                routes:
                  - {name: escalations, to: [crm], unclaimed: {after: 30s, to: [pager]}}
                """.formatted(dir.resolve("claims.db"), RelayUnderTest.SECRET, TOKEN, crm.url("/hook"),
                discord.url("/page"))), clock);
        String escalation = post(Fixtures.bytes("live-chat-escalation"));
        String page = java.net.URI.create(crm.take().getHeaders().get("X-Relay-Claim-Url")).getPath();
        // recorded before it is taken and before the clock jumps past its lease, or it would rightly go again
        Eventually.holds("the escalation is delivered", () -> Http.execute(new Request.Builder()
                .url(base() + "/admin/deliveries?status=delivered").header("Authorization", "Bearer " + TOKEN).build())
                .body().contains("\"kind\":\"event\""));
        try (okhttp3.Response taken = new okhttp3.OkHttpClient.Builder().followRedirects(false).build().newCall(
                new Request.Builder().url(base() + page).post(new okhttp3.FormBody.Builder().add("name", "Ana")
                        .build()).build()).execute()) {
            assertThat(taken.code()).isEqualTo(303);
        }
        clock.advance(java.time.Duration.ofSeconds(31));
        Eventually.holds("the follow-up is skipped", () -> Http.execute(new Request.Builder()
                .url(base() + "/admin/deliveries?status=skipped").header("Authorization", "Bearer " + TOKEN).build())
                .body().contains("\"kind\":\"follow-up\""));

        signIn();
        driver.get(base() + "/admin/#/event/" + escalation);
        WebElement claim = browser.await("who took it", d -> visible(d, By.id("claim")));

        assertThat(claim.getText()).startsWith("Ana, ").endsWith("via crm");
        assertThat(driver.findElement(By.id("deliveries")).getText()).contains("follow-up delivery",
                "Skipped: taken by Ana at ");
    }

    @Test
    void findsADeadDeliveryByDestinationOpensItsAttemptsAndReplaysItUntilDelivered() throws Exception {
        discord.then(Sink.status(503, "upstream busy"));
        discord.alwaysAnswer(Sink.status(404, "{\"message\":\"Unknown Webhook\",\"code\":10015}"));
        post(RelayUnderTest.chat("conv-1", "hello"));
        String lead = post(Http.utf8(new ObjectMapper().readTree(Fixtures.bytes("lead-submission")).toString()));
        awaitDead(1);

        signIn();
        browser.await("live counts show the dead delivery", d -> d.findElement(
                By.cssSelector("#counts tr[data-destination='sales-discord']")).getText().contains("1"));
        browser.screenshot("console-events");
        new Select(driver.findElement(By.id("f-destination"))).selectByValue("sales-discord");
        new Select(driver.findElement(By.id("f-status"))).selectByValue("dead");
        driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
        browser.await("only the lead is listed", d -> d.findElements(By.cssSelector("#events tbody tr")).size() == 1
                && d.findElement(By.cssSelector("#events tbody")).getText().contains("lead-submission"));
        driver.findElement(By.cssSelector("#events tbody a")).click();

        WebElement delivery = browser.await("the lead's delivery", d -> visible(d,
                By.cssSelector("article.delivery[data-status='dead']")));
        assertThat(driver.getCurrentUrl()).endsWith("#/event/" + lead);
        List<WebElement> attempts = delivery.findElements(By.cssSelector("ol.timeline li.attempt"));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).getText()).contains("#1", "HTTP 503", "retry", "Answer: upstream busy",
                "Retry scheduled");
        assertThat(attempts.get(1).getText()).contains("#2", "HTTP 404", "dead",
                "Answer: {\"message\":\"Unknown Webhook\",\"code\":10015}");
        assertThat(driver.findElement(By.id("contact")).getText()).contains("lead@example.com");
        String received = driver.findElement(By.id("received-request")).getText();
        assertThat(received).as("the body as received, indented").startsWith("x-chat-data-topic: lead-submission")
                .contains("\n  \"event\": \"lead-submission\"", "lead@example.com");
        String sent = delivery.findElement(By.cssSelector("pre.request")).getText();
        assertThat(sent).as("the request as sent, as preview shows it").startsWith("POST " + discord.url("/")
                .replaceAll("/$", "") + "/***\nContent-Type: application/json\n").contains("lead@example.com")
                .doesNotContain("/api/webhooks/1/token");
        browser.screenshot("console-event");

        discord.alwaysAnswer(Sink.status(204, ""));
        delivery.findElement(By.cssSelector("button.replay")).click();
        WebElement delivered = browser.await("the replayed delivery turns delivered",
                d -> visible(d, By.cssSelector("article.delivery[data-status='delivered']")));
        assertThat(delivered.getText()).contains("#3", "HTTP 204", "delivered");
        browser.await("the replay is told under Actions", d -> d.findElement(By.cssSelector(".event-actions"))
                .getText().matches("(?s).*replay delivery \\d+ · from the console.*"));

        assertThat(driver.getCurrentUrl()).doesNotContain(TOKEN);
        assertThat(browser.script("return document.cookie")).as("the session cookie is HttpOnly").isEqualTo("");
        assertThat(browser.script("return sessionStorage.length + localStorage.length")).isEqualTo(0L);
    }

    @Test
    void findsALeadByTheEmailTypedIntoTheSearchBoxAndShowsWhoAndTheMessage() throws Exception {
        String jane = post(Http.utf8(Fixtures.text("lead-submission").replace("\"Name\"", "\"Jane Doe\"")
                .replace("lead@example.com", "jane@example.com")));
        post(Fixtures.bytes("lead-submission"));
        post(Fixtures.bytes("chat"));

        signIn();
        browser.await("every event with who and its first words", d -> d.findElements(
                By.cssSelector("#events tbody tr")).size() == 3 && d.findElement(By.id("events")).getText()
                .contains("How to integrate with Discord?"));
        WebElement search = driver.findElement(By.id("f-search"));
        search.sendKeys("JANE@example.com", Keys.ENTER);

        browser.await("only Jane's lead is listed", d -> d.findElements(By.cssSelector("#events tbody tr")).size() == 1
                && d.findElement(By.cssSelector("#events tbody td[data-label='Who']")).getText().equals("Jane Doe"));
        assertThat(driver.getCurrentUrl()).as("the search is kept in the URL").contains("search=JANE%40example.com");
        assertThat(driver.findElement(By.cssSelector("#events tbody a")).getAttribute("href")).endsWith(jane);
        browser.screenshot("console-search");
        driver.navigate().refresh();
        browser.await("the search box still holds it", d -> visible(d, By.id("f-search")) != null
                && "JANE@example.com".equals(d.findElement(By.id("f-search")).getAttribute("value"))
                && d.findElements(By.cssSelector("#events tbody tr")).size() == 1);
    }

    @Test
    void showsALeadNamedLikeMarkupAsTextAndRunsNothingFromIt() throws Exception {
        discord.alwaysAnswer(Sink.status(404, "{\"message\":\"" + MARKUP.replace("\"", "") + "\"}"));
        String lead = post(Http.utf8(Fixtures.text("lead-submission").replace("\"Name\"", "\"" + MARKUP + "\"")));
        post(RelayUnderTest.chat(MARKUP, "x"));
        awaitDead(1);

        signIn();
        browser.await("the chat's conversation is listed as text", d -> d.findElement(By.id("events")).getText()
                .contains(MARKUP));
        driver.get(base() + "/admin/#/event/" + lead);
        WebElement contact = browser.await("the contact", d -> visible(d, By.id("contact")));

        assertThat(contact.findElement(By.tagName("dd")).getText()).isEqualTo(MARKUP);
        assertThat(driver.findElement(By.id("deliveries")).getText()).contains(MARKUP);
        assertThat(driver.findElement(By.id("received-request")).getText()).contains(MARKUP);
        assertThat(driver.findElements(By.tagName("img"))).as("no markup from an event became an element").isEmpty();
        assertNoAlert();
        driver.get(base() + "/admin/#/dead");
        browser.await("the dead letter", d -> d.findElement(By.id("dead")).getText().contains(MARKUP));
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();
        assertNoAlert();
    }

    @Test
    void replaysEveryDeadLetterFromTheDeadLetterPageByKeyboard() throws Exception {
        discord.alwaysAnswer(Sink.status(410, "gone"));
        post(Fixtures.bytes("lead-submission"));
        post(RelayUnderTest.again(Fixtures.bytes("lead-submission"), 1));
        awaitDead(2);

        signIn();
        driver.findElement(By.linkText("Dead letters")).sendKeys(Keys.ENTER); // links and buttons work by keyboard
        browser.await("two dead letters", d -> d.findElements(By.cssSelector("#dead button.replay")).size() == 2);
        browser.screenshot("console-dead-letters");
        discord.alwaysAnswer(Sink.status(204, ""));
        assertThat(driver.findElement(By.id("replay-all")).getText()).isEqualTo("Replay all 2 shown");
        driver.findElement(By.id("replay-all")).sendKeys(Keys.ENTER);
        browser.await("a confirmation that says how many", d -> confirmation(d).contains("2 dead deliveries"));
        driver.switchTo().alert().accept();

        browser.await("the page says how many were queued", d -> d.findElement(By.id("status")).getText()
                .equals("2 dead deliveries queued again."));
        Eventually.holds("both are delivered", () -> discord.requestCount() >= 4);
        driver.navigate().refresh();
        browser.await("no dead letter is left", d -> d.findElement(By.id("dead")).getText()
                .contains("No dead deliveries."));

        driver.findElement(By.linkText("Routes")).click();
        WebElement routes = browser.await("the routes table", d -> visible(d, By.id("routes")));
        assertThat(routes.getText()).contains("corporate", "lead.email matches /@bigcorp\\.com$/", "archive",
                "any of chat, live-chat-escalation");
        browser.screenshot("console-routes");
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            driver.findElement(By.linkText("Events")).click();
            browser.await("the events page on a phone", d -> visible(d, By.id("counts")));
            browser.screenshot("console-phone");
        } finally {
            driver.manage().window().setSize(new Dimension(1100, 800));
        }
    }

    @Test
    void retriesADeliveryInBackoffNowAndResendsItOnceConfirmedEachToldInTheStory() throws Exception {
        relay.close();
        relay = Relay.start(RelayUnderTest.config(dir, """
                delivery: {max_attempts: 3, backoff: {initial: 1h, max: 1h}}
                admin: {token: %s}
                destinations: {sales-discord: {type: discord, webhook_url: "%s"}}
                routes: [{name: leads, match: {event: lead-submission}, to: [sales-discord]}]
                """.formatted(TOKEN, discord.url("/api/webhooks/1/token"))));
        discord.then(Sink.status(503, "upstream busy"));
        String lead = post(Fixtures.bytes("lead-submission"));
        discord.take();

        signIn();
        driver.get(base() + "/admin/#/event/" + lead);
        WebElement retry = browser.await("a Retry now button on the delivery waiting an hour",
                d -> visible(d, By.cssSelector("article.delivery[data-status='pending'] button.retry")));
        assertThat(retry.getText()).isEqualTo("Retry now");
        retry.click();
        WebElement resend = browser.await("the retried delivery is delivered at once",
                d -> visible(d, By.cssSelector("article.delivery[data-status='delivered'] button.resend")));
        resend.click();
        browser.await("a confirmation", d -> confirmation(d).contains("again"));
        driver.switchTo().alert().dismiss();
        assertThat(discord.requestCount()).as("not resent without a yes").isEqualTo(2);
        driver.findElement(By.cssSelector("button.resend")).click();
        browser.await("a confirmation", d -> confirmation(d).contains("again"));
        driver.switchTo().alert().accept();

        Eventually.holds("sent again", () -> discord.requestCount() == 3);
        WebElement actions = browser.await("the story tells both actions", d -> {
            List<WebElement> items = d.findElements(By.cssSelector("#actions li"));
            return items.size() == 2 && d.findElements(By.cssSelector("article.delivery li.attempt")).size() == 3
                    ? d.findElement(By.id("actions")) : null;
        });
        assertThat(actions.getText()).contains("retry delivery", "resend delivery", "from the console");
        assertThat(driver.findElements(By.cssSelector("#actions li[data-source='console']"))).hasSize(2);
        assertThat(driver.findElement(By.cssSelector("article.delivery")).getText()).contains("#3", "HTTP 200");
        browser.screenshot("console-actions");
    }

    /** The text of the confirmation the page asks, or null while there is none. */
    private static String confirmation(WebDriver driver) {
        try {
            return driver.switchTo().alert().getText();
        } catch (NoAlertPresentException none) {
            return null;
        }
    }

    @Test
    void showsARequestRefusedForItsSignatureInTheRefusedView() throws Exception {
        signIn();
        driver.findElement(By.linkText("Refused")).click();
        browser.await("an empty view says so", d -> d.findElement(By.id("refused")).getText()
                .contains("No request has been refused since the relay started."));
        Http.post(relay.port(), "/webhooks/chat-data", RelayUnderTest.chat("conv-9", "x"),
                SignatureVerifier.sign(new Secret("a-rotated-secret"), RelayUnderTest.chat("conv-9", "x")), MARKUP);
        Http.post(relay.port(), "/webhooks/chat-data", Http.utf8("not json"),
                SignatureVerifier.sign(new Secret(RelayUnderTest.SECRET), Http.utf8("not json")), "chat");
        driver.navigate().refresh();

        browser.await("the newest first", d -> d.findElement(By.cssSelector("#refused tbody tr"))
                .getAttribute("data-reason").equals("json"));
        WebElement row = browser.await("the refused request", d -> visible(d,
                By.cssSelector("#refused tr[data-reason='signature']")));
        assertThat(row.getText()).contains("127.0.0.1", "signature", "HTTP 401",
                RelayUnderTest.chat("conv-9", "x").length + " bytes", MARKUP);
        assertThat(driver.findElement(By.id("refused")).getText()).doesNotContain("conv-9");
        assertThat(driver.findElements(By.tagName("img"))).as("the topic is shown as text").isEmpty();
        assertNoAlert();
        browser.screenshot("console-refused");
    }

    @Test
    void hidesTheNavigationBeforeSignInAndSaysSoInEveryEmptyView() {
        driver.get(base() + "/admin/");
        browser.await("the sign-in form", d -> visible(d, By.id("token")));
        assertThat(driver.findElement(By.id("nav")).isDisplayed()).as("no navigation before sign-in").isFalse();
        assertThat(driver.findElements(By.linkText("Dead letters")).stream().filter(WebElement::isDisplayed))
                .isEmpty();

        driver.findElement(By.id("token")).sendKeys(TOKEN, Keys.ENTER);
        browser.await("the empty events page says so", d -> visible(d, By.id("events")) != null
                && d.findElement(By.id("events")).getText().contains("No events match."));
        assertThat(driver.findElement(By.id("nav")).isDisplayed()).isTrue();
        driver.findElement(By.linkText("Dead letters")).click();
        browser.await("the empty dead letters say so", d -> visible(d, By.id("dead")) != null
                && d.findElement(By.id("dead")).getText().contains("No dead deliveries."));
        assertThat(driver.findElement(By.id("view")).getText()).doesNotContain("null", "undefined");
        driver.findElement(By.linkText("Refused")).click();
        browser.await("the empty refused view says so", d -> visible(d, By.id("refused")) != null
                && d.findElement(By.id("refused")).getText().contains("No request has been refused"));
        assertThat(driver.findElement(By.id("view")).getText()).doesNotContain("null", "undefined");

        driver.findElement(By.id("sign-out")).click();
        browser.await("signed out", d -> visible(d, By.id("token")));
        assertThat(driver.findElement(By.id("nav")).isDisplayed()).as("no navigation once signed out").isFalse();
    }

    @Test
    void refreshesTheEventListInPlaceKeepingTheFilterAndShowsTimesRelativeWithTheAbsoluteOnHover() throws Exception {
        post(Fixtures.bytes("lead-submission"));
        signIn();
        String fastTimers = (String) ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", "const every = window.setInterval; " // the page's 5 s refresh, every 100 ms here
                        + "window.setInterval = (task, ms, ...rest) => every(task, Math.min(ms, 100), ...rest);"))
                .get("identifier");
        try {
            driver.get(base() + "/admin/#/events?type=lead-submission");
            driver.navigate().refresh();
            WebElement time = browser.await("the lead, accepted a moment ago", d -> visible(d,
                    By.cssSelector("#events tbody tr[data-event] time")));
            assertThat(time.getText()).matches("just now|\\d+ s ago");
            assertThat(time.getAttribute("title")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z")
                    .isEqualTo(time.getAttribute("datetime").replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"));
            WebElement search = driver.findElement(By.id("f-search"));
            search.sendKeys("half-typed");

            post(RelayUnderTest.again(Fixtures.bytes("lead-submission"), 1));
            post(RelayUnderTest.chat("conv-new", "not a lead"));
            browser.await("the new lead appears on top by itself", d -> d.findElements(
                    By.cssSelector("#events tbody tr[data-event]")).size() == 2);
            assertThat(driver.findElement(By.id("events")).getText()).as("the filter still applies")
                    .doesNotContain("conv-new");
            assertThat(search.getAttribute("value")).as("the form was not redrawn").isEqualTo("half-typed");
            assertThat(driver.getCurrentUrl()).contains("type=lead-submission");
        } finally {
            ((ChromeDriver) driver).executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                    Map.of("identifier", fastTimers));
        }
    }

    @Test
    void showsAFilterTheRelayRefusesNextToTheFilterForm() {
        signIn();
        driver.get(base() + "/admin/#/events?since=yesterday-ish");
        WebElement error = browser.await("the filter's error", d -> visible(d, By.id("filter-error")));
        assertThat(error.getText()).contains("since must be a duration like 30m");
        assertThat(driver.findElement(By.id("f-since")).getAttribute("value")).isEqualTo("yesterday-ish");
        assertThat(error.findElement(By.xpath("preceding-sibling::*[1]")).getAttribute("id")).isEqualTo("filters");
        assertThat(driver.findElement(By.id("events")).getText()).contains("No events listed until the filter is fixed.");
        assertNoAlert();
    }

    private static void assertNoAlert() {
        try {
            driver.switchTo().alert();
            throw new AssertionError("an alert opened: markup from an event ran");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }
}
