//! The words of the interface itself: labels, buttons, hints and error messages.

use crate::Lang;

/// Each key with its text in every language, side by side: a key without a text in one of
/// them does not compile. A key marked `#[cfg(feature = "course")]` is shown only by the
/// course build's extras (the embed dialog, the captures, the pictures, "what could happen"),
/// and the standard site does not carry its words.
macro_rules! strings {
    ($($(#[$only:meta])* $key:ident => [$en:literal, $ko:literal],)*) => {
        /// A piece of interface text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Ui {
            $($(#[$only])* $key,)*
        }

        impl Ui {
            /// Every key, for the tests that hold each language's texts to the same shape.
            pub const ALL: &'static [Ui] = &[$($(#[$only])* Ui::$key,)*];
        }

        /// The words for `key` in `lang`.
        pub fn ui(lang: Lang, key: Ui) -> &'static str {
            match lang {
                Lang::En => match key {
                    $($(#[$only])* Ui::$key => $en,)*
                },
                #[cfg(feature = "ko")]
                Lang::Ko => match key {
                    $($(#[$only])* Ui::$key => $ko,)*
                },
            }
        }
    };
}

strings! {
    Tagline => ["an interactive lab for how a TCP connection closes", "TCP 연결이 어떻게 닫히는지 직접 해 보는 실습실"],
    Scenario => ["Scenario", "시나리오"],
    ReadIn => ["Read finwait in {0}", "finwait를 {0}로 보기"],
    PageTitle => ["finwait — how a TCP connection closes", "finwait — TCP 연결은 어떻게 닫히는가"],
    Lab => ["Lab", "실습"],
    CustomScenario => ["Your own scenario", "직접 만든 시나리오"],
    Profile => ["TCP", "TCP"],
    Playback => ["Playback", "재생"],
    SkipToDiagram => ["Go to the diagram", "다이어그램으로 가기"],
    Play => ["Play", "재생"],
    Replay => ["Play again from the start", "처음부터 다시 재생"],
    Restart => ["Back to the start", "처음으로"],
    Pause => ["Pause", "일시 정지"],
    StepBack => ["Back to the previous event", "이전 이벤트로"],
    StepForward => ["Step to the next event", "다음 이벤트로"],
    Speed => ["Speed", "속도"],
    TimeCursor => ["Time cursor: move to any event", "시간 커서: 원하는 이벤트로 이동"],
    Undo => ["Undo your last action", "마지막 동작 취소"],
    Redo => ["Redo your last undone action", "취소한 동작 다시 하기"],
    StepShort => ["Step ▶|", "다음 ▶|"],
    ToEnd => ["Run on until nothing more happens", "더 일어날 일이 없을 때까지 진행"],
    CompactLabels => ["Compact labels", "짧은 라벨"],
    AboutScenario => ["About this scenario", "이 시나리오에 대해"],
    BlankLab => ["An open connection: do anything", "열린 연결: 무엇이든 해 보기"],
    BlankHint => ["Both hosts are ESTABLISHED. Make a host call close() (on its card), step, and click any segment to see why it was sent — or to drop, delay, duplicate or hold it.", "두 호스트 모두 ESTABLISHED 상태입니다. 호스트 카드에서 close()를 호출하고 한 단계씩 진행해 보세요. 세그먼트를 클릭하면 왜 보냈는지 볼 수 있고, 버리거나 지연·복제·보류할 수도 있습니다."],
    WholeText => ["Show all", "전체 보기"],
    WrittenFor => ["This text describes the scenario under {0}; it is running under {1}.", "이 설명은 {0} 기준입니다. 지금은 {1}(으)로 실행 중입니다."],
    SameStates => ["Under {0} both hosts go through the same states; timers and segments may differ.", "{0}에서도 두 호스트는 같은 상태를 거칩니다. 타이머와 세그먼트는 다를 수 있습니다."],
    StatesDiffer => ["Under {0} the states differ:", "{0}에서는 상태가 다릅니다:"],
    AtTime => ["At {0}", "{0} 시점"],
    CurrentStep => ["The current step", "현재 단계"],
    MoreInLog => ["and {0} more in the event log", "이벤트 로그에 {0}개 더"],
    SkippedActions => ["{0} of the planned actions no longer applied after your changes and were skipped.", "변경한 내용 때문에 계획된 동작 {0}개가 더는 맞지 않아 건너뛰었습니다."],
    CallFailsHere => ["{0} fails at this time: {1}. Nothing was changed: a call that fails is recorded only at the end of the run, so the rest of it stays.", "이 시점에서 {0}는 실패합니다: {1}. 아무것도 바뀌지 않았습니다. 실패하는 호출은 실행의 끝에만 기록되므로 나머지는 그대로 남습니다."],
    OldDuplicate => ["old duplicate from an earlier connection", "이전 연결에서 온 오래된 중복 세그먼트"],
    Host => ["Host", "호스트"],
    DefaultNameA => ["client", "클라이언트"],
    DefaultNameB => ["server", "서버"],
    NameOfHost => ["Name of host", "호스트 이름"],
    HostDetails => ["Show or hide the details of host", "호스트 세부 정보 보기/숨기기"],
    Unsent => ["Not yet sent", "아직 보내지 않음"],
    Unacked => ["Sent, unacknowledged", "보냈지만 ACK 받지 못함"],
    Unread => ["Received, unread", "받았지만 읽지 않음"],
    HeldOutOfOrder => ["Held out of order", "순서가 어긋나 보관 중"],
    NoTimers => ["No timer running.", "동작 중인 타이머 없음."],
    Left => ["left", "남음"],
    FireNow => ["Fire now", "지금 만료"],
    FireNowTitle => ["Let this timer expire now instead of waiting", "기다리지 않고 이 타이머를 지금 만료시킵니다"],
    Application => ["Application calls", "애플리케이션 호출"],
    CallConnect => ["connect()", "connect()"],
    CallListen => ["listen()", "listen()"],
    CallSend => ["send()", "send()"],
    CallRead => ["read()", "read()"],
    CallShutdown => ["shutdown(write)", "shutdown(write)"],
    CallClose => ["close()", "close()"],
    CallAbort => ["abort()", "abort()"],
    BytesToSend => ["Bytes to send", "보낼 바이트 수"],
    WillFail => ["In this state this call fails", "이 상태에서는 이 호출이 실패합니다"],
    ResultOk => ["ok", "성공"],
    ResultQueued => ["{0} bytes queued", "{0}바이트 대기열에 넣음"],
    ResultRead => ["{0} bytes read", "{0}바이트 읽음"],
    ResultReadToEnd => ["{0} bytes read · end-of-file", "{0}바이트 읽음 · 파일 끝(EOF)"],
    ResultEndOfFile => ["end-of-file", "파일 끝(EOF)"],
    ResultNothingYet => ["nothing to read yet", "아직 읽을 데이터 없음"],
    ResultError => ["error: {0}", "오류: {0}"],
    Timeline => ["Timeline", "타임라인"],
    TimelineDescription => ["Sequence diagram: time flows down; each segment is an arrow from sender to receiver", "시퀀스 다이어그램: 시간은 위에서 아래로 흐르고, 각 세그먼트는 보낸 쪽에서 받는 쪽으로 가는 화살표입니다"],
    Later => ["later", "이후"],
    LegendData => ["data", "데이터"],
    LegendLost => ["lost", "손실"],
    LegendHeld => ["held", "보류"],
    LegendInjected => ["injected", "주입"],
    LegendCopy => ["network copy", "네트워크 복사본"],
    LegendStale => ["old duplicate", "오래된 중복"],
    LegendReset => ["reset", "리셋"],
    Legend => ["Legend", "범례"],
    BandOpen => ["open", "열림"],
    BandClosing => ["closing", "닫는 중"],
    BandClosed => ["closed", "닫힘"],
    BandOpening => ["opening", "여는 중"],
    SegmentName => ["Segment {0}, from {1} to {2}, {3}", "세그먼트 {0}, {1}에서 {2}로, {3}"],
    SegSentLater => ["sent later", "나중에 보냄"],
    SegInFlight => ["in flight", "전송 중"],
    SegHeld => ["held in the network", "네트워크에 보류됨"],
    SegArrived => ["arrived", "도착함"],
    SegLost => ["lost", "손실됨"],
    SelectedSegment => ["Selected segment", "선택한 세그먼트"],
    SelectHint => ["Click a segment (or Tab to the diagram, then use the arrow keys) to see why it was sent, and to drop, delay, duplicate or hold it.", "세그먼트를 클릭하거나(Tab으로 다이어그램에 들어가 화살표 키 사용) 왜 보냈는지 보고, 버리거나 지연·복제·보류해 보세요."],
    Segment => ["Segment", "세그먼트"],
    NotSentYet => ["Not sent yet at this time.", "이 시점에는 아직 보내지 않았습니다."],
    Close => ["Close", "닫기"],
    Length => ["Payload", "페이로드"],
    Sent => ["Sent at", "보낸 시각"],
    WhySent => ["Why:", "이유:"],
    Payload => ["Bytes:", "바이트:"],
    ArrivesAt => ["arrives at {0}", "{0}에 도착 예정"],
    ArrivedAt => ["arrived at {0}", "{0}에 도착"],
    LostAt => ["{0} at {1}", "{1}에 {0}"],
    HeldInNetwork => ["held in the network", "네트워크에 보류됨"],
    CopyOf => ["a network copy of {0}", "{0}의 네트워크 복사본"],
    InjectedByYou => ["crafted and injected by you", "직접 만들어 주입한 세그먼트"],
    InFlightActions => ["Faults for this segment", "이 세그먼트에 넣을 장애"],
    Drop => ["Drop", "버리기"],
    DelayBy => ["Delay by", "지연"],
    DelayMs => ["Delay in milliseconds", "지연(밀리초)"],
    Duplicate => ["Duplicate", "복제"],
    Hold => ["Hold", "보류"],
    Release => ["Release", "풀어 주기"],
    SwapArrivalWith => ["Swap arrival with", "도착 순서 바꾸기:"],
    ResendAsDuplicate => ["Send again as an old duplicate", "오래된 중복으로 다시 보내기"],
    ResendAsDuplicateTitle => ["Inject a copy of this segment from its sender, as if it had wandered in the network", "이 세그먼트가 네트워크를 떠돌다 온 것처럼, 보낸 쪽에서 복사본을 주입합니다"],
    Network => ["Network", "네트워크"],
    Latency => ["Latency", "지연 시간"],
    Now => ["now", "현재"],
    Apply => ["Apply", "적용"],
    RulesForFuture => ["Rules for future segments", "앞으로 보낼 세그먼트에 대한 규칙"],
    RuleFault => ["What to do", "할 일"],
    RuleCount => ["How many", "몇 개"],
    RuleKind => ["Which segments", "어떤 세그먼트"],
    RuleFrom => ["From which host", "어느 호스트에서"],
    FaultDrop => ["drop", "버리기"],
    FaultDelay => ["delay", "지연"],
    FaultDuplicate => ["duplicate", "복제"],
    FaultHold => ["hold", "보류"],
    TheNext => ["the next", "다음"],
    TheNextTwo => ["the next two", "다음 두 개의"],
    Every => ["every", "모든"],
    KindPureAck => ["pure ACK", "순수 ACK"],
    KindPureAcks => ["pure ACKs", "순수 ACK"],
    KindFin => ["FIN", "FIN"],
    KindFins => ["FINs", "FIN"],
    KindData => ["data segment", "데이터 세그먼트"],
    KindDatas => ["data segments", "데이터 세그먼트"],
    KindRst => ["RST", "RST"],
    KindRsts => ["RSTs", "RST"],
    KindSyn => ["SYN", "SYN"],
    KindSyns => ["SYNs", "SYN"],
    KindAny => ["segment", "세그먼트"],
    KindAnys => ["segments", "세그먼트"],
    FromA => ["from A", "A에서"],
    FromB => ["from B", "B에서"],
    FromEither => ["from either host", "어느 호스트에서든"],
    AddRule => ["Add rule", "규칙 추가"],
    NoRules => ["No rules: every segment travels normally.", "규칙 없음: 모든 세그먼트가 정상적으로 전달됩니다."],
    ClearRules => ["Clear rules", "규칙 지우기"],
    RuleNext => ["{0} the next {1} {2}", "{2} 다음 {1} {0}"],
    RuleNextN => ["{0} the next {1} {2} {3}", "{3} 다음 {1}개 {2} {0}"],
    RuleEvery => ["{0} every {1} {2}", "{2} 모든 {1} {0}"],
    Inject => ["Crafted segments", "직접 만든 세그먼트"],
    InjectRstTo => ["RST to", "RST 보낼 곳"],
    RstSeq => ["Sequence number of the RST", "RST의 시퀀스 번호"],
    RstExact => ["at RCV.NXT (exact)", "RCV.NXT와 정확히 일치"],
    RstInWindow => ["in the window, not exact", "윈도 안, 정확히 일치하지 않음"],
    RstOutside => ["outside the window", "윈도 밖"],
    InjectRst => ["Inject RST", "RST 주입"],
    NoPastData => ["No data segment sent yet to copy.", "복사할 데이터 세그먼트를 아직 보내지 않았습니다."],
    OldDuplicateOf => ["Old duplicate of", "오래된 중복으로 보낼 세그먼트"],
    InjectOldDuplicate => ["Inject old duplicate", "오래된 중복 주입"],
    StateDiagram => ["State diagram — {0}", "상태 다이어그램 — {0}"],
    LinuxOnly => ["Linux", "Linux"],
    StateDiagramDescription => ["The TCP state diagram with markers for hosts A and B and their last transitions lit", "호스트 A와 B의 위치와 마지막 전이를 표시한 TCP 상태 다이어그램"],
    EventLog => ["Event log", "이벤트 로그"],
    ShowTimers => ["Show every timer event", "타이머 이벤트 모두 보기"],
    EarlierEvents => ["{0} earlier events not shown", "앞선 이벤트 {0}개는 표시하지 않음"],
    ShowEarlier => ["Show them", "보기"],
    EvStartsIn => ["starts in {0}", "{0} 상태에서 시작"],
    EvCall => ["{0} → {1}", "{0} → {1}"],
    EvSends => ["sends {0} ({1})", "{0} 보냄 ({1})"],
    EvNetworkCopies => ["the network copies it: {0} ({1})", "네트워크가 복사함: {0} ({1})"],
    EvInjected => ["injected {0} ({1})", "{0} 주입 ({1})"],
    EvRuleApplied => ["a rule applies to {0}: {1}", "{0}에 규칙 적용: {1}"],
    EvArrives => ["{0} arrives", "{0} 도착"],
    EvArrivesStale => ["{0} arrives — an old duplicate from an earlier connection", "{0} 도착 — 이전 연결에서 온 오래된 중복"],
    EvNotTaken => ["{0} not taken", "{0} 받아들이지 않음"],
    EvDelivered => ["{0} bytes delivered to the receive buffer", "{0}바이트가 수신 버퍼에 전달됨"],
    EvDeliveredStale => ["{0} bytes of an earlier connection delivered (“{1}”): corruption!", "이전 연결의 {0}바이트가 전달됨(“{1}”): 데이터 오염!"],
    EvAppTold => ["the app is told: {0}", "애플리케이션에 알림: {0}"],
    EvTimer => ["{0} timer: {1}", "{0} 타이머: {1}"],
    EvRuleAdded => ["rule added: {0}", "규칙 추가: {0}"],
    EvRulesCleared => ["rules cleared", "규칙 지움"],
    EvLatency => ["latency {0} → {1}: {2}", "지연 시간 {0} → {1}: {2}"],
    TimerStarted => ["started for {0}", "{0} 동안 시작"],
    TimerRestarted => ["restarted for {0}", "{0} 동안 다시 시작"],
    TimerStopped => ["stopped", "멈춤"],
    TimerFired => ["fired", "만료"],
    Dismiss => ["Dismiss", "닫기"],
    LinkNotOpened => ["This link could not be opened: {0}. The lab opened as usual.", "이 링크를 열 수 없었습니다: {0}. 실습실은 평소대로 열렸습니다."],
    StoredNotOpened => ["Your last session could not be restored: {0}. The lab opened afresh.", "지난 세션을 복원하지 못했습니다: {0}. 실습실을 새로 열었습니다."],
    LinkActionsSkipped => ["{0} of the session's own actions no longer apply and were left out.", "세션의 동작 중 {0}개가 더는 맞지 않아 빠졌습니다."],
    LinkTooLong => ["it is {0} characters long, longer than any link finwait makes", "길이가 {0}자로, finwait가 만드는 어떤 링크보다 깁니다"],
    LinkBadCharacter => ["character {0} of the session does not belong in a link (was the link changed?)", "세션의 {0}번째 문자는 링크에 들어갈 수 없는 문자입니다(링크가 바뀌었나요?)"],
    LinkCutShort => ["it is cut short (was part of it lost when it was copied?)", "중간에 잘렸습니다(복사할 때 일부가 빠졌나요?)"],
    LinkNewer => ["it was made by a newer finwait (link format {0}; this one reads format {1})", "더 새로운 finwait가 만든 링크입니다(링크 형식 {0}, 이 버전은 형식 {1}을 읽습니다)"],
    LinkUnknownPacking => ["it was made by a newer finwait, packed in a way this one does not know", "더 새로운 finwait가 이 버전이 모르는 방식으로 묶은 링크입니다"],
    LinkNotDeflate => ["its compressed part does not unpack (the link is damaged)", "압축된 부분을 풀 수 없습니다(링크가 손상됨)"],
    LinkDamaged => ["it is damaged (at byte {0} of the session)", "손상되었습니다(세션의 {0}번째 바이트)"],
    LinkInvalid => ["what it holds is not a session finwait can run: {0}", "finwait가 실행할 수 있는 세션이 아닙니다: {0}"],
    LinkUnknownPreset => ["it names a scenario this finwait does not have, “{0}”", "이 finwait에 없는 시나리오 “{0}”을 가리킵니다"],
    ParamUnknown => ["The address has a parameter finwait does not read, “{0}”; it was left out. finwait reads: {1}.", "주소에 finwait가 읽지 않는 매개변수 “{0}”가 있어 빼고 열었습니다. finwait가 읽는 매개변수: {1}."],
    ParamBadValue => ["The address's {0}={1} was left out: {0} takes {2}.", "주소의 {0}={1}은 빼고 열었습니다: {0}에는 {2}이 들어가야 합니다."],
    ParamPreset => ["a scenario's name or its row, like S08", "시나리오 이름이나 번호(예: S08)"],
    ParamProfile => ["rfc9293 or linux", "rfc9293 또는 linux"],
    ParamTime => ["a time like 150, 150ms, 1.5s or 4min (at most a day)", "150, 150ms, 1.5s, 4min 같은 시간(최대 하루)"],
    ParamFlag => ["1 or 0", "1 또는 0"],
    ParamLang => ["a language finwait has: {0}", "finwait가 지원하는 언어: {0}"],
    ParamList => ["a list from: {0}", "다음 중에서 고른 목록: {0}"],
    ParamLock => ["scenario", "scenario"],
    ParamOrigin => ["an origin like https://course.example.edu", "https://course.example.edu 같은 오리진"],
    ParamState => ["a share link's session", "공유 링크의 세션"],
    ParamStress => ["a number of segments", "세그먼트 개수"],
    ParamQuiz => ["a quiz like 7.5, in the course build", "7.5 같은 퀴즈(강의용 빌드에서)"],
    ToolLocked => ["That tool is switched off in this lab.", "이 실습실에서는 이 도구를 쓸 수 없습니다."],
    Share => ["Share", "공유"],
    CopyLink => ["Copy link", "링크 복사"],
    CopyLinkNow => ["Copy link at this moment", "현재 시점 링크 복사"],
    #[cfg(feature = "course")]
    CaptureGroup => ["Capture for Wireshark", "Wireshark용 캡처"],
    #[cfg(feature = "course")]
    CopyMermaid => ["Copy as Mermaid", "Mermaid로 복사"],
    #[cfg(feature = "course")]
    MermaidCopied => ["The diagram is copied as Mermaid text.", "다이어그램을 Mermaid 텍스트로 복사했습니다."],
    #[cfg(feature = "course")]
    WhatCouldHappen => ["What could happen here?", "여기서 무슨 일이 생길 수 있을까?"],
    #[cfg(feature = "course")]
    WhatCouldHappenHint => ["Every way this run can end from the cursor on, if the network drops, duplicates or holds back one segment (or two), each with one way to get there.", "커서 시점부터 네트워크가 세그먼트 하나(또는 둘)를 버리거나 복제하거나 늦출 때 이 실행이 끝날 수 있는 모든 방식과, 각각에 이르는 한 가지 방법입니다."],
    #[cfg(feature = "course")]
    FaultsToTry => ["Faults to try", "시도할 장애 수"],
    #[cfg(feature = "course")]
    OneFault => ["one fault", "장애 1개"],
    #[cfg(feature = "course")]
    UpToTwoFaults => ["up to two faults", "장애 최대 2개"],
    #[cfg(feature = "course")]
    FindOutcomes => ["Find out", "찾아보기"],
    #[cfg(feature = "course")]
    TryInLab => ["Try it in the lab", "실습실에서 해 보기"],
    #[cfg(feature = "course")]
    CaptureAt => ["Where the capture is taken", "캡처하는 곳"],
    #[cfg(feature = "course")]
    CaptureAtA => ["captured at A", "A에서 캡처"],
    #[cfg(feature = "course")]
    CaptureAtB => ["captured at B", "B에서 캡처"],
    #[cfg(feature = "course")]
    CaptureOnWire => ["captured on the wire", "회선에서 캡처"],
    #[cfg(feature = "course")]
    DownloadCapture => ["Download .pcapng", ".pcapng 내려받기"],
    #[cfg(feature = "course")]
    DownloadFailed => ["The browser did not let the file be saved.", "브라우저가 파일 저장을 허용하지 않았습니다."],
    #[cfg(feature = "course")]
    PictureGroup => ["Picture of the diagram", "다이어그램 그림"],
    #[cfg(feature = "course")]
    PicturePart => ["Which part", "그릴 부분"],
    #[cfg(feature = "course")]
    PictureWhole => ["the whole run", "실행 전체"],
    #[cfg(feature = "course")]
    PictureInView => ["what is in view", "지금 보이는 부분"],
    #[cfg(feature = "course")]
    DownloadAs => ["Download {0}", "{0} 내려받기"],
    #[cfg(feature = "course")]
    PictureRefused => ["This page may not draw a PNG (its security policy forbids it); the SVG works everywhere.", "이 페이지에서는 PNG를 그릴 수 없습니다(보안 정책이 막음). SVG는 어디서나 됩니다."],
    #[cfg(feature = "course")]
    OpenCapture => ["Open a capture…", "캡처 열기…"],
    #[cfg(feature = "course")]
    CaptureTitle => ["Capture: {0}", "캡처: {0}"],
    #[cfg(feature = "course")]
    CaptureReadOnly => ["Both hosts' states, inferred from the segments by the same rules the lab follows. Read-only: your lab is unchanged. You can also drop a .pcap or .pcapng file anywhere on the lab.", "세그먼트로부터 실습실과 같은 규칙으로 추론한 두 호스트의 상태입니다. 읽기 전용이며 실습실은 그대로입니다. .pcap이나 .pcapng 파일을 실습실 아무 곳에나 끌어다 놓아도 됩니다."],
    #[cfg(feature = "course")]
    CaptureConnection => ["Connection", "연결"],
    #[cfg(feature = "course")]
    CaptureCutShort => ["The file ends inside a packet: the {0} packets before it are read.", "파일이 패킷 중간에서 끝납니다. 그 앞의 패킷 {0}개를 읽었습니다."],
    #[cfg(feature = "course")]
    CaptureNoTcp => ["The file holds no IPv4 TCP segment.", "파일에 IPv4 TCP 세그먼트가 없습니다."],
    #[cfg(feature = "course")]
    CaptureUnreadable => ["The browser could not read the file.", "브라우저가 파일을 읽지 못했습니다."],
    #[cfg(feature = "course")]
    CaptureEnd => ["At the end: A {0}, B {1}", "끝: A {0}, B {1}"],
    #[cfg(feature = "course")]
    CaptureLeftOut => ["The first {0} segments are drawn; {1} more are not.", "처음 {0}개 세그먼트만 그렸고 {1}개는 그리지 않았습니다."],
    #[cfg(feature = "course")]
    QuizYourself => ["Quiz yourself", "스스로 풀어 보는 퀴즈"],
    #[cfg(feature = "course")]
    QuizHint => ["Questions on real runs, each checked by the simulation: the lab stops just before the moment that answers it, and your answer plays that moment.", "실제 실행에 대한 질문이며 각 정답은 시뮬레이션으로 확인합니다. 실습실은 답이 드러나기 직전에 멈추고, 답하면 그 순간을 재생합니다."],
    #[cfg(feature = "course")]
    QuizScope => ["Questions on", "질문 범위"],
    #[cfg(feature = "course")]
    QuizThisScenario => ["this scenario", "이 시나리오"],
    #[cfg(feature = "course")]
    QuizEveryScenario => ["every scenario", "모든 시나리오"],
    #[cfg(feature = "course")]
    QuizCount => ["How many", "문항 수"],
    #[cfg(feature = "course")]
    QuizQuestions => ["{0} questions", "{0}문항"],
    #[cfg(feature = "course")]
    QuizStart => ["Start the quiz", "퀴즈 시작"],
    #[cfg(feature = "course")]
    QuizStop => ["Stop the quiz", "퀴즈 그만하기"],
    #[cfg(feature = "course")]
    QuizProgress => ["{0} of {1} answered · {2} right", "{1}문항 중 {0}문항 답함 · {2}문항 맞음"],
    #[cfg(feature = "course")]
    QuizNumber => ["Question {0} of {1}", "{1}문항 중 {0}번"],
    #[cfg(feature = "course")]
    QuizAnswer => ["Answer", "답하기"],
    #[cfg(feature = "course")]
    QuizChooseFirst => ["Choose an answer first.", "먼저 답을 고르세요."],
    #[cfg(feature = "course")]
    QuizRightAnswer => ["The answer: {0}", "정답: {0}"],
    #[cfg(feature = "course")]
    QuizNext => ["Next question", "다음 문항"],
    #[cfg(feature = "course")]
    QuizResults => ["See the results", "결과 보기"],
    #[cfg(feature = "course")]
    QuizDone => ["You got {0} of {1} right.", "{1}문항 중 {0}문항을 맞혔습니다."],
    #[cfg(feature = "course")]
    QuizFile => ["This quiz as a file for Moodle or Canvas", "이 퀴즈를 Moodle이나 Canvas용 파일로"],
    #[cfg(feature = "course")]
    QuizDownload => ["Download", "내려받기"],
    #[cfg(feature = "course")]
    QuizWasRight => ["right:", "맞음:"],
    #[cfg(feature = "course")]
    QuizWasWrong => ["wrong:", "틀림:"],
    #[cfg(feature = "course")]
    ContinueInLab => ["Continue from here in the lab", "여기서부터 실습실에서 이어 가기"],
    #[cfg(feature = "course")]
    CannotContinue => ["The lab can take over a capture that ends with the connection open and every byte acknowledged.", "연결이 열린 채로, 모든 바이트가 확인응답된 상태로 끝나는 캡처라야 실습실에서 이어 갈 수 있습니다."],
    #[cfg(feature = "course")]
    CaptureCannotShow => ["What the capture cannot show", "캡처로 알 수 없는 것"],
    LinkToLab => ["Link to this lab", "이 실습실 링크"],
    LinkCopied => ["Link copied. Whoever opens it sees this lab, your actions included.", "링크를 복사했습니다. 링크를 여는 사람은 지금까지 한 동작까지 포함해 이 실습실을 그대로 봅니다."],
    CopyFailed => ["This page may not copy for you: select the text and copy it (Ctrl+C or ⌘C).", "이 페이지에서는 자동으로 복사할 수 없습니다. 텍스트를 선택해 복사하세요(Ctrl+C 또는 ⌘C)."],
    OpenFullLab => ["Open in the full lab ↗", "전체 실습실에서 열기 ↗"],
    #[cfg(feature = "course")]
    EmbedOpen => ["Embed in a course page…", "강의 페이지에 넣기…"],
    #[cfg(feature = "course")]
    EmbedTitle => ["Embed this lab in a course page", "이 실습실을 강의 페이지에 넣기"],
    #[cfg(feature = "course")]
    EmbedFrameTitle => ["finwait: {0}", "finwait: {0}"],
    #[cfg(feature = "course")]
    EmbedSize => ["Size", "크기"],
    #[cfg(feature = "course")]
    EmbedTools => ["Tools students may use", "학생이 쓸 수 있는 도구"],
    #[cfg(feature = "course")]
    EmbedPanels => ["Panels below the lab", "실습실 아래에 보일 패널"],
    #[cfg(feature = "course")]
    EmbedLock => ["Keep this scenario (students cannot choose another)", "이 시나리오로 고정(학생이 다른 시나리오를 고를 수 없음)"],
    #[cfg(feature = "course")]
    EmbedAtMoment => ["Open at this moment (else from the start)", "현재 시점에서 열기(아니면 처음부터)"],
    #[cfg(feature = "course")]
    EmbedResize => ["Grow the frame to fit its content (adds a small script)", "프레임 높이를 내용에 맞추기(작은 스크립트 추가)"],
    #[cfg(feature = "course")]
    EmbedOrigin => ["Your course page's origin, to send the lab commands (optional)", "실습실에 명령을 보낼 강의 페이지의 오리진(선택)"],
    #[cfg(feature = "course")]
    EmbedSnippet => ["Paste this into your course page", "강의 페이지에 이 코드를 붙여 넣으세요"],
    #[cfg(feature = "course")]
    CopySnippet => ["Copy the snippet", "코드 복사"],
    #[cfg(feature = "course")]
    SnippetCopied => ["Snippet copied.", "코드를 복사했습니다."],
    #[cfg(feature = "course")]
    ToolCalls => ["application calls", "애플리케이션 호출"],
    #[cfg(feature = "course")]
    ToolDrop => ["drop", "버리기"],
    #[cfg(feature = "course")]
    ToolDelay => ["delay and swap", "지연과 순서 바꾸기"],
    #[cfg(feature = "course")]
    ToolDuplicate => ["duplicate", "복제"],
    #[cfg(feature = "course")]
    ToolHold => ["hold and release", "보류와 풀어 주기"],
    #[cfg(feature = "course")]
    ToolInject => ["craft and send again", "세그먼트 만들기와 다시 보내기"],
    #[cfg(feature = "course")]
    ToolTimers => ["fire timers", "타이머 만료시키기"],
    #[cfg(feature = "course")]
    ToolNetwork => ["latency and rules", "지연 시간과 규칙"],
    #[cfg(feature = "course")]
    ToolScenario => ["choose a scenario", "시나리오 고르기"],
    #[cfg(feature = "course")]
    ToolProfile => ["switch the TCP profile", "TCP 프로필 바꾸기"],
    #[cfg(feature = "course")]
    PanelDiagram => ["state diagram", "상태 다이어그램"],
    #[cfg(feature = "course")]
    PanelLog => ["event log", "이벤트 로그"],
    #[cfg(feature = "course")]
    PanelCards => ["host cards", "호스트 카드"],
    #[cfg(feature = "course")]
    PanelNetwork => ["network panel", "네트워크 패널"],
    NextIn => ["Next, in {0} (at {1}): {2}", "다음 일: {0} 뒤({1})에 {2}"],
    NothingNext => ["Nothing more will happen.", "더 일어날 일이 없습니다."],
    TimerFires => ["{0}'s {1} timer fires", "{0}의 {1} 타이머 만료"],
    SegmentReaches => ["{0} reaches {1}", "{0}이(가) {1}에 도착"],
    SegmentExpires => ["{0} outlives the segment lifetime and dies", "{0}이(가) 세그먼트 수명(MSL)을 넘겨 사라짐"],
    PlannedAction => ["the scenario's next planned action", "시나리오에 계획된 다음 동작"],
    ErrNotInFlight => ["{0} is not in the network at this time.", "{0}은(는) 지금 네트워크에 없습니다."],
    ErrNotHeld => ["{0} is not held.", "{0}은(는) 보류 중이 아닙니다."],
    ErrSameSegment => ["Pick two different segments to swap.", "순서를 바꿀 서로 다른 세그먼트 두 개를 고르세요."],
    ErrPayload => ["send needs some bytes.", "send에는 보낼 바이트가 있어야 합니다."],
    ErrTimerNotRunning => ["{0}'s {1} timer is not running.", "{0}의 {1} 타이머는 동작 중이 아닙니다."],
    ErrRunStopped => ["The run stopped at its event limit before this time, so nothing can be done here. Go back to an earlier time, or undo.", "이 시점 전에 이벤트 한도에 걸려 실행이 멈췄으므로 여기서는 아무것도 할 수 없습니다. 더 이른 시점으로 가거나 취소하세요."],
    ErrRange => ["The {0} must be a whole number from {1} to {2}.", "{0}은(는) {1}부터 {2}까지의 정수여야 합니다."],
    ErrRunBytes => ["This would take the run past {0} bytes sent and injected in all: finwait keeps every run within that, so that none can take more memory. Undo, or send less.", "이렇게 하면 실행 전체에서 보내고 주입한 바이트가 {0}바이트를 넘습니다. finwait는 어떤 실행도 메모리를 더 쓰지 않도록 이 한도를 지킵니다. 취소하거나 더 적게 보내세요."],
    FieldDelay => ["delay in milliseconds", "지연(밀리초)"],
    FieldLatency => ["latency in milliseconds", "지연 시간(밀리초)"],
    FieldBytes => ["number of bytes to send", "보낼 바이트 수"],
    FieldPayload => ["payload in bytes", "페이로드(바이트)"],
    ErrInput => ["That input could not be used.", "입력한 값을 쓸 수 없습니다."],
}

#[cfg(all(test, feature = "ko"))]
mod tests {
    use super::*;

    fn places(text: &str) -> Vec<String> {
        let mut p: Vec<String> = (0..10).map(|i| format!("{{{i}}}")).filter(|k| text.contains(k.as_str())).collect();
        p.sort();
        p
    }

    /// Every text has its Korean, with the same places for the parts put into it.
    #[test]
    fn korean_has_every_text_with_the_same_places() {
        for key in Ui::ALL {
            let (en, ko) = (ui(Lang::En, *key), ui(Lang::Ko, *key));
            assert!(!ko.trim().is_empty(), "{key:?}: no Korean");
            assert_eq!(places(en), places(ko), "{key:?}: {en:?} / {ko:?}");
        }
    }
}
