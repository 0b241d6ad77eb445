//! Where mail goes: `.eml` files in a folder (the default) or an SMTP server.
use crate::config::{MailConfig, SmtpTls};
use crate::db::entities::outbox;
use lettre::message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

pub enum Transport {
    File(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>, Duration),
}

/// Why a delivery failed: worth retrying, or never going to work.
#[derive(Debug)]
pub enum SendError {
    Transient(String),
    Permanent(String),
}

impl Transport {
    pub fn from_config(cfg: &MailConfig) -> Result<Transport, String> {
        match cfg {
            MailConfig::File { dir, .. } => {
                std::fs::create_dir_all(dir).map_err(|e| format!("mail folder {dir}: {e}"))?;
                Ok(Transport::File(AsyncFileTransport::new(dir)))
            }
            MailConfig::Smtp {
                host,
                port,
                tls,
                username,
                password,
                timeout_seconds,
                ..
            } => {
                let builder = match tls {
                    SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
                    SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                        .map_err(|e| e.to_string())?,
                    SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                        .map_err(|e| e.to_string())?,
                };
                let timeout = Duration::from_secs(*timeout_seconds);
                let mut builder = builder.port(*port).timeout(Some(timeout));
                if let (Some(u), Some(p)) = (username, password) {
                    builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
                }
                Ok(Transport::Smtp(builder.build(), timeout))
            }
        }
    }

    pub async fn send(&self, from: &str, row: &outbox::Model) -> Result<(), SendError> {
        let message = build_message(from, row).map_err(SendError::Permanent)?;
        match self {
            Transport::File(t) => t
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError::Transient(e.to_string())),
            Transport::Smtp(t, timeout) => {
                match tokio::time::timeout(*timeout, t.send(message)).await {
                    Err(_) => Err(SendError::Transient("timed out".into())),
                    Ok(Ok(_)) => Ok(()),
                    Ok(Err(e)) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
                    Ok(Err(e)) => Err(SendError::Transient(e.to_string())),
                }
            }
        }
    }
}

/// The MIME message for an outbox row: text and HTML alternatives, and when
/// the row carries an invitation, a `text/calendar; method=…` alternative
/// (what Outlook and Google read) plus the same file as `invite.ics`.
pub fn build_message(from: &str, row: &outbox::Model) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("from address: {e}"))?;
    let to_addr = row
        .to_address
        .parse()
        .map_err(|e| format!("to address: {e}"))?;
    let to = Mailbox::new(Some(row.to_name.clone()), to_addr);
    let mut alternative = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(row.text_body.clone()),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(row.html_body.clone()),
        );
    let builder = Message::builder()
        .from(from)
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(row.message_id.clone()));
    let (Some(ics), Some(method)) = (&row.ics, &row.ics_method) else {
        return builder.multipart(alternative).map_err(|e| e.to_string());
    };
    let method = match method.as_str() {
        "CANCEL" => "CANCEL",
        _ => "REQUEST",
    };
    let calendar_type =
        ContentType::parse(&format!("text/calendar; method={method}; charset=UTF-8"))
            .map_err(|e| e.to_string())?;
    alternative = alternative.singlepart(
        SinglePart::builder()
            .header(calendar_type.clone())
            .body(ics.clone()),
    );
    let attachment = Attachment::new("invite.ics".into()).body(ics.clone(), calendar_type);
    builder
        .multipart(
            MultiPart::mixed()
                .multipart(alternative)
                .singlepart(attachment),
        )
        .map_err(|e| e.to_string())
}
