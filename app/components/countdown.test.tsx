import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Countdown } from "./countdown";
import { DateTime } from "./date-time";
import { ViewerZoneContext } from "./viewer-zone";

describe("Countdown", () => {
  it("renders the time left and the due time in the named zone", () => {
    const html = renderToStaticMarkup(
      <Countdown due="2025-01-15T17:00:00Z" now="2025-01-14T12:00:00Z" timeZone="Europe/Berlin" label="Accept by" />,
    );
    expect(html).toContain("1 d 5 h left");
    expect(html).toContain("Accept by");
    expect(html).toContain("18:00");
    expect(html).toContain("Time zone: Europe/Berlin");
    expect(html).toContain('dateTime="2025-01-15T17:00:00.000Z"');
  });

  it("renders UTC on the server when no zone is given (the browser switches to its own)", () => {
    const html = renderToStaticMarkup(<Countdown due="2025-01-14T11:00:00Z" now="2025-01-14T12:00:00Z" />);
    expect(html).toContain("overdue by 1 h");
    expect(html).toContain("badge-danger");
    expect(html).toContain("Time zone: UTC");
  });

  it("reads the viewer's own zone from the workspace when no zone is given", () => {
    const html = renderToStaticMarkup(
      <ViewerZoneContext.Provider value="Asia/Tokyo">
        <Countdown due="2025-01-14T11:00:00Z" now="2025-01-14T09:00:00Z" />
        <DateTime at="2025-01-14T11:00:00Z" />
      </ViewerZoneContext.Provider>,
    );
    expect(html).toContain("Time zone: Asia/Tokyo");
    expect(html.match(/20:00/g)).toHaveLength(2);
    expect(renderToStaticMarkup(<DateTime at="2025-01-14T11:00:00Z" />)).toContain("11:00 UTC");
  });
});
