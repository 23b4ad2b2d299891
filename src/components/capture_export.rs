//! "Download for Wireshark" in the share menu: the session's whole run (the scenario with the
//! user's actions and faults, run to its end) as a pcapng file seen at A, at B or on the wire,
//! each packet with a comment saying what it did to each host (`finwait_capture::export`,
//! the same file `finwait run --format pcapng` writes). Part of the course build (the
//! `capture` feature).

use super::widgets::{button, select};
use crate::store::Lab;
use finwait_capture::export::{self, Vantage};
use finwait_capture::pcapng;
use finwait_core::Host;
use finwait_messages::{capture as words, ui, Lang, Ui};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the capture can be taken, in the order the picker lists them.
const VANTAGES: [(Vantage, Ui); 3] = [
    (Vantage::At(Host::A), Ui::CaptureAtA),
    (Vantage::At(Host::B), Ui::CaptureAtB),
    (Vantage::Wire, Ui::CaptureOnWire),
];

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lab: UseReducerHandle<Lab>,
    pub lang: Lang,
}

#[function_component(CaptureExport)]
pub fn capture_export(props: &Props) -> Html {
    let Props { lab, lang } = props;
    let lang = *lang;
    let t = |k| ui(lang, k);
    let at = use_state(|| 0usize);
    let failed = use_state(|| false);
    let on_at = {
        let at = at.clone();
        Callback::from(move |i: usize| at.set(i.min(VANTAGES.len() - 1)))
    };
    let on_download = {
        let (lab, at, failed) = (lab.clone(), at.clone(), failed.clone());
        Callback::from(move |_: MouseEvent| {
            let (vantage, _) = VANTAGES[*at];
            let scenario = lab.to_scenario();
            // The run was made once already (it is on the screen), so it runs again.
            let ok = scenario.run().is_ok_and(|run| {
                let packets = export::packets(&scenario, &run.trace, vantage, &|note| words::note(lang, note));
                download(&file_name(&scenario.name, vantage), &pcapng::write(&packets))
            });
            failed.set(!ok);
        })
    };
    let labels: Vec<&str> = VANTAGES.iter().map(|(_, k)| t(*k)).collect();
    html! {
        <div class="capture-export" role="group" aria-labelledby="capture-caption">
            <p class="caption-line" id="capture-caption">{ t(Ui::CaptureGroup) }</p>
            { select(t(Ui::CaptureAt), &labels, *at, on_at) }
            { button("download-capture", "", t(Ui::DownloadCapture), on_download) }
            // Always there (empty until needed), so that a refusal does not replace the button
            // that has the focus.
            <p class="status" role="alert">{ if *failed { t(Ui::DownloadFailed) } else { "" } }</p>
        </div>
    }
}

/// `finwait-lost-final-ack-at-a.pcapng`: the scenario and where the capture was taken.
fn file_name(scenario: &str, vantage: Vantage) -> String {
    let name: String =
        scenario.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).take(60).collect();
    let name = if name.trim_matches('-').is_empty() { "lab".to_string() } else { name };
    let at = match vantage {
        Vantage::At(Host::A) => "at-a",
        Vantage::At(Host::B) => "at-b",
        Vantage::Wire => "wire",
    };
    format!("finwait-{name}-{at}.pcapng")
}

/// Saves `bytes` as the file `name` through the browser's download (a link to a blob, clicked).
/// False when the browser refused a step.
fn download(name: &str, bytes: &[u8]) -> bool {
    let go = || -> Option<()> {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        let kind = web_sys::BlobPropertyBag::new();
        kind.set_type("application/x-pcapng");
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &kind).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link: web_sys::HtmlAnchorElement =
            web_sys::window()?.document()?.create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download(name);
        link.click();
        // The download has its own reference to the blob by now; the address can go.
        gloo_timers::callback::Timeout::new(10_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
        .forget();
        Some(())
    };
    go().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_the_scenario_and_the_place() {
        assert_eq!(file_name("lost-final-ack", Vantage::At(Host::A)), "finwait-lost-final-ack-at-a.pcapng");
        assert_eq!(file_name("my close/2", Vantage::Wire), "finwait-my-close-2-wire.pcapng");
        assert_eq!(file_name("", Vantage::At(Host::B)), "finwait-lab-at-b.pcapng");
    }
}
