use crate::helpers::*;
use crate::on_both;
use futures::future::join_all;
use rocket::http::Status;
use serde_json::json;

on_both!(
    capacity_holds_when_many_assignments_race,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        let (mentor_id, _) = app
            .mentor(&coord, "suzuki@example.jp", json!({"capacity": 2}))
            .await;
        let mut intakes = Vec::new();
        for i in 0..8 {
            let (_, id) = app
                .submitted_mentee(&format!("m{i}@example.jp"), json!({}))
                .await;
            intakes.push(id);
        }
        let answers = join_all(intakes.iter().map(|id| {
            let path = format!("/api/v1/intakes/{id}/assignments");
            let coord = coord.clone();
            let app = &app;
            async move {
                app.post(&path, &coord, json!({"mentor_id": mentor_id}))
                    .await
            }
        }))
        .await;
        let created = answers
            .iter()
            .filter(|a| a.status == Status::Created)
            .count();
        let refused = answers
            .iter()
            .filter(|a| a.status == Status::Conflict && a.code() == "mentor_at_capacity")
            .count();
        assert_eq!(
            created,
            2,
            "{:?}",
            answers
                .iter()
                .map(|a| (a.status, a.body.clone()))
                .collect::<Vec<_>>()
        );
        assert_eq!(refused, 6);
        let m = app
            .get(&format!("/api/v1/mentors/{mentor_id}"), &coord)
            .await;
        assert_eq!(m.body["mentor"]["pending_mentees"], 2);
    }
);

on_both!(
    one_intake_cannot_be_assigned_twice_at_once,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        let mut mentors = Vec::new();
        for i in 0..4 {
            mentors.push(
                app.mentor(
                    &coord,
                    &format!("mentor{i}@example.jp"),
                    json!({"capacity": 3}),
                )
                .await
                .0,
            );
        }
        let (_, intake_id) = app.submitted_mentee("hanako@example.jp", json!({})).await;
        let path = format!("/api/v1/intakes/{intake_id}/assignments");
        let answers = join_all(mentors.iter().map(|m| {
            let (app, coord, path) = (&app, coord.clone(), path.clone());
            async move { app.post(&path, &coord, json!({"mentor_id": m})).await }
        }))
        .await;
        assert_eq!(
            answers
                .iter()
                .filter(|a| a.status == Status::Created)
                .count(),
            1
        );
        assert!(answers
            .iter()
            .filter(|a| a.status != Status::Created)
            .all(|a| a.code() == "intake_not_assignable"));
    }
);

on_both!(
    a_mentor_not_accepting_cannot_be_assigned,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        let (mentor_id, _) = app
            .mentor(&coord, "suzuki@example.jp", json!({"accepting": false}))
            .await;
        let (_, intake_id) = app.submitted_mentee("hanako@example.jp", json!({})).await;
        let r = app
            .post(
                &format!("/api/v1/intakes/{intake_id}/assignments"),
                &coord,
                json!({"mentor_id": mentor_id}),
            )
            .await;
        assert_eq!(r.status, Status::Conflict);
        assert_eq!(r.code(), "mentor_not_accepting");
        let c = app
            .get(&format!("/api/v1/intakes/{intake_id}/candidates"), &coord)
            .await;
        assert_eq!(c.body["candidates"][0]["eligible"], false);
        assert_eq!(
            c.body["candidates"][0]["ineligible_because"],
            "not_accepting"
        );
    }
);
