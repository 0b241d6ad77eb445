#!/usr/bin/env python3
"""Take the README's screenshot of the coordinator's candidate list.

Needs Debian's chromium and chromium-driver and `pip install selenium`.
Run from the repo root after `cargo build`:  python3 docs/screenshot.py
It starts the server on 127.0.0.1:8131 with a throw-away database in /tmp,
fills it through the JSON API, logs in as the coordinator and saves
docs/screenshots/candidates.png.
"""
import json, os, shutil, subprocess, tempfile, time, urllib.request, re

BIN = os.path.abspath("target/debug/kakehashi")
PORT = 8131
BASE = f"http://127.0.0.1:{PORT}"


def api(method, path, token=None, body=None):
    req = urllib.request.Request(BASE + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"{}")


def token(email, password):
    return api("POST", "/api/v1/auth/token", body={"email": email, "password": password})["token"]


def main():
    work = tempfile.mkdtemp()
    env = dict(os.environ, ROCKET_PORT=str(PORT), ROCKET_DATABASE_URL=f"sqlite://{work}/demo.db?mode=rwc",
               ROCKET_MAIL=f'{{transport="file",dir="{work}/mail"}}', ROCKET_PUBLIC_URL=BASE)
    subprocess.run([BIN, "create-coordinator", "--email", "office@kakehashi.jp", "--name", "事務局 佐藤", "--password-stdin"],
                   input=b"coordinator-password-1", env=env, cwd=work)
    server = subprocess.Popen([BIN], env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(BASE + "/healthz")
                break
            except Exception:
                time.sleep(0.2)
        coord = token("office@kakehashi.jp", "coordinator-password-1")
        mentors = [
            ("鈴木 恵子", "IT企業の開発部長・二児の母", {"industry": "it_telecom", "company_size": "large", "position": "senior_manager", "experiences": ["parenting", "first_woman_manager", "stem"], "capacity": 2}),
            ("田中 由美", "メーカーの人事課長", {"industry": "manufacturing", "company_size": "large", "position": "manager", "job_function": "hr", "experiences": ["parenting", "hr"], "capacity": 1}),
            ("佐々木 綾", "スタートアップ役員", {"industry": "it_telecom", "company_size": "startup", "position": "executive", "experiences": ["career_change", "single"], "capacity": 3}),
            ("高橋 真理", "地方銀行の支店長", {"industry": "finance_insurance", "company_size": "sme", "position": "manager", "experiences": ["single_parent", "male_dominated_workplace"], "capacity": 2, "accepting": False}),
        ]
        for i, (name, headline, profile) in enumerate(mentors):
            profile["headline"] = headline
            api("POST", "/api/v1/mentors", coord, {"email": f"mentor{i}@example.jp", "display_name": name, "profile": profile})
        api("POST", "/api/v1/auth/register", body={"email": "hanako@example.jp", "password": "とても長い合言葉です123", "display_name": "山田 花子"})
        mentee = token("hanako@example.jp", "とても長い合言葉です123")
        api("PUT", "/api/v1/intake", mentee, {
            "age_band": "30s", "industry": "it_telecom", "company_size": "large", "job_function": "engineering",
            "position": "leader", "employment": "short_hours", "children": 2, "youngest_child_age": 3,
            "leave_status": "returned_within_1y", "concerns": ["return_from_leave", "management_offer"],
            "concern_detail": "育休から復帰して半年、時短勤務で責任のある仕事から外されたように感じています。管理職の打診もありましたが、子育てと両立できるか自信がありません。社内には相談できるロールモデルがいないため、社外の先輩の話を聞きたいです。",
            "goals": "1年後に管理職として働くかどうか自分で決められるようになりたい",
            "mentor_preferences": [{"code": "parenting", "importance": "must"}, {"code": "same_industry", "importance": "nice"}, {"code": "first_woman_manager", "importance": "nice"}],
            "plan": "three", "availability": ["weekday_evening"], "phone": "090-1234-5678", "call_ok": True, "consent": True})
        intake_id = api("POST", "/api/v1/intake/submit", mentee)["intake"]["id"]

        from selenium import webdriver
        from selenium.webdriver.common.by import By
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={work}/chrome", "--window-size=1280,2400"]:
            opts.add_argument(flag)
        driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"), options=opts)
        try:
            driver.get(BASE + "/login")
            driver.find_element(By.NAME, "email").send_keys("office@kakehashi.jp")
            driver.find_element(By.NAME, "password").send_keys("coordinator-password-1")
            driver.find_element(By.NAME, "password").submit()
            time.sleep(0.5)
            driver.get(f"{BASE}/coordinator/intakes/{intake_id}/candidates")
            time.sleep(0.5)
            os.makedirs("docs/screenshots", exist_ok=True)
            target = driver.find_elements(By.CSS_SELECTOR, "main")
            if target:
                target[0].screenshot("docs/screenshots/candidates.png")
            else:
                driver.save_screenshot("docs/screenshots/candidates.png")
        finally:
            driver.quit()
    finally:
        server.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
