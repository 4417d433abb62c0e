import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TextWithTimes } from "./date-time";
import { ViewerZoneContext } from "./viewer-zone";

describe("TextWithTimes", () => {
  it("shows each ISO instant in the text in the viewer's zone, named, and keeps the words", () => {
    const html = renderToStaticMarkup(
      <ViewerZoneContext.Provider value="Asia/Tokyo">
        <TextWithTimes text="Paused until 2025-01-14T11:00:00.000Z. Ranked 2: last offered 2025-01-13T23:30:00Z." />
      </ViewerZoneContext.Provider>,
    );
    expect(html).not.toContain("T11:00:00.000Z.");
    expect(html).toContain("Paused until <time");
    expect(html).toContain("14 Jan 2025, 20:00 GMT+9</time>. Ranked 2: last offered <time");
    expect(html).toContain("14 Jan 2025, 08:30 GMT+9</time>.");
  });

  it("leaves text without instants as it is", () => {
    expect(renderToStaticMarkup(<TextWithTimes text="Never offered a lead." />)).toBe("Never offered a lead.");
  });
});
