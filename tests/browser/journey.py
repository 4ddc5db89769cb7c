"""The therapist's week as browser steps, shared by the browser tests.

Each step drives the real Wagtail admin the way she would: visible labels and buttons, the
block picker, choosers and the preview panel. Steps take a Playwright page and the site's base
URL, so they can also be tried by hand against `manage.py runserver`.
"""

import re

from playwright.sync_api import Page, expect


def log_in(page: Page, base_url: str, username: str, password: str):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your drafts")).to_be_visible()


def publish(page: Page):
    """Open the action menu under "Save draft" and press Publish."""
    page.get_by_role("button", name="More actions").click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_load_state("networkidle")


def add_block(page: Page, stream, label: str):
    """Press the last "+" of a stream and pick ``label`` in the block picker."""
    stream.locator(".c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def type_rich_text(page: Page, container, text: str):
    editor = container.locator(".public-DraftEditor-content").last
    editor.click()
    page.keyboard.type(text)


def choose_exercise(page: Page, button, name: str):
    """Open an exercise chooser and pick ``name`` from the modal."""
    button.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=name).click()
    expect(modal).to_be_hidden()


def create_exercise(page: Page, base_url: str, *, name, summary, video_title, step):
    """As she does it: a name and no web address; the form fills that in from the name."""
    page.goto(f"{base_url}/admin/snippets/exercises/exercise/add/")
    page.locator("#id_name").fill(name)
    page.locator("#id_summary").fill(summary)
    page.locator("[data-contentpath=video] .c-sf-add-button").first.click()
    page.locator("[name='video-0-value-url']").fill("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page.locator("[name='video-0-value-title']").fill(video_title)
    page.locator("[data-contentpath=steps] .c-sf-add-button").first.click()
    page.locator("[name='steps-0-value-text']").fill(step)
    publish(page)
    expect(page.get_by_text(f"Exercise '{name}' created and published.")).to_be_visible()


def edit_exercise_step(page: Page, base_url: str, *, name, new_step):
    page.goto(f"{base_url}/admin/snippets/exercises/exercise/")
    page.get_by_role("link", name=name, exact=True).click()
    page.locator("[name='steps-0-value-text']").fill(new_step)
    publish(page)
    expect(page.get_by_text(re.compile(f"Exercise '{name}' .*published"))).to_be_visible()


def create_article(page: Page, base_url: str, index_id: int, *, title, summary, exercise_name):
    """An article with a paragraph, a video, a read-next callout, an exercise and an update."""
    page.goto(f"{base_url}/admin/pages/add/articles/articlepage/{index_id}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill(summary)
    body = page.locator("[data-contentpath=body]").first

    add_block(page, body, "Paragraph")
    type_rich_text(page, body, "Squeezing the shoulder blades wakes up the upper back.")

    add_block(page, body, "Video")
    page.locator("[name$='-value-url']").last.fill("https://vimeo.com/76979871")
    page.locator("[name$='-value-title']").last.fill("Desk squeeze walkthrough")

    add_block(page, body, "Callout")
    page.locator("select[name$='-value-kind']").last.select_option("read_next")
    page.locator("[name$='-value-heading']").last.fill("Try this one next")
    callout = page.locator("[data-contentpath=exercises]").last
    callout.get_by_role("button", name=re.compile("Add")).first.click()
    choose_exercise(
        page, callout.get_by_role("button", name=re.compile("Choose")).last, exercise_name
    )

    add_block(page, body, "Exercise")
    exercise_block = page.locator("[data-contentpath=exercise]").last
    choose_exercise(
        page, exercise_block.get_by_role("button", name=re.compile("Choose")).first, exercise_name
    )
    page.locator("[name$='-value-note']").last.fill("Do this one every day.")

    add_block(page, body, "Update")
    page.locator("[name$='-value-date']").last.fill("2025-03-14")
    page.locator("[name$='-value-heading']").last.fill("One more tip I forgot")
    update_body = page.locator("[data-contentpath=body]").last
    add_block(page, update_body, "Paragraph")
    type_rich_text(page, update_body, "Roll the shoulders back before you squeeze.")


def collapse_article_blocks(page: Page):
    """Collapse the body's top-level blocks, the way she tidies a long article."""
    page.evaluate(
        """() => {
            const body = document.querySelector("[data-contentpath=body]");
            for (const child of body.querySelectorAll("[data-streamfield-child]")) {
                if (child.parentElement.closest("[data-streamfield-child]")) continue;
                const toggle = child.querySelector(".w-panel__toggle");
                if (toggle.getAttribute("aria-expanded") === "true") toggle.click();
            }
        }"""
    )


def block_header_titles(page: Page):
    """The titles shown in the headers of the body's top-level blocks when collapsed."""
    return page.evaluate(
        """() => {
            const body = document.querySelector("[data-contentpath=body]");
            return Array.from(body.querySelectorAll("[data-streamfield-child]"))
                .filter((child) => !child.parentElement.closest("[data-streamfield-child]"))
                .map((child) => {
                    const type = child.querySelector(".c-sf-block__type").textContent.trim();
                    const title = child.querySelector(".c-sf-block__title").textContent.trim();
                    return `${type} | ${title}`;
                });
        }"""
    )


def open_preview(page: Page):
    """Open the live preview beside the editor, at desktop size; return its frame."""
    page.get_by_role("button", name="Toggle preview").click()
    page.get_by_label("Preview in desktop size").check()
    return page.frame_locator("#w-preview-iframe")
