//! "Download for Wireshark" in the share menu: the session's whole run (the scenario with the
//! user's actions and faults, run to its end) as a pcapng file seen at A, at B or on the wire,
//! each packet with a comment saying what it did to each host (`finwait_capture::export`,
//! the same file `finwait run --format pcapng` writes). Part of the course build (the
//! `capture` feature).

use super::widgets::{button, select};
use crate::download;
use crate::store::Lab;
use finwait_capture::export::{self, Vantage};
use finwait_capture::pcapng;
use finwait_core::Host;
use finwait_messages::{capture as words, ui, Lang, Ui};
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
                let name = download::file_name(&scenario.name, &format!("{}.pcapng", place(vantage)));
                download::blob(&pcapng::write(&packets), "application/x-pcapng")
                    .is_some_and(|b| download::save(&name, &b))
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
            <div class="capture-open">{ super::capture_import::open_button(lang) }</div>
            // Always there (empty until needed), so that a refusal does not replace the button
            // that has the focus.
            <p class="status" role="alert">{ if *failed { t(Ui::DownloadFailed) } else { "" } }</p>
        </div>
    }
}

/// Where the capture was taken, for its file's name.
fn place(vantage: Vantage) -> &'static str {
    match vantage {
        Vantage::At(Host::A) => "at-a",
        Vantage::At(Host::B) => "at-b",
        Vantage::Wire => "wire",
    }
}
