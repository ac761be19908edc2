; vector_add(float32[:], float32[:], float32[:])
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"


define void @vector_add_0(i8* %arg20, i64 %arg21, i64 %arg22, i8* %arg23, i64 %arg24, i64 %arg25, i8* %arg26, i64 %arg27, i64 %arg28, i64* %err) {
entry:
  %slot1 = alloca i8*
  %slot2 = alloca i64
  %slot3 = alloca i64
  %slot4 = alloca i8*
  %slot5 = alloca i64
  %slot6 = alloca i64
  %slot7 = alloca i8*
  %slot8 = alloca i64
  %slot9 = alloca i64
  %slot10 = alloca i8*
  %slot11 = alloca i64
  %slot12 = alloca i64
  %slot13 = alloca i8*
  %slot14 = alloca i64
  %slot15 = alloca i64
  %slot16 = alloca i8*
  %slot17 = alloca i64
  %slot18 = alloca i64
  %slot19 = alloca i64
  store i8* %arg20, i8** %slot1
  store i64 %arg21, i64* %slot2
  store i64 %arg22, i64* %slot3
  store i8* %arg23, i8** %slot4
  store i64 %arg24, i64* %slot5
  store i64 %arg25, i64* %slot6
  store i8* %arg26, i8** %slot7
  store i64 %arg27, i64* %slot8
  store i64 %arg28, i64* %slot9
  br label %body
body:
  %v29 = load i8*, i8** %slot1
  %v30 = load i64, i64* %slot2
  %v31 = load i64, i64* %slot3
  store i8* %v29, i8** %slot10
  store i64 %v30, i64* %slot11
  store i64 %v31, i64* %slot12
  %v32 = load i8*, i8** %slot4
  %v33 = load i64, i64* %slot5
  %v34 = load i64, i64* %slot6
  store i8* %v32, i8** %slot13
  store i64 %v33, i64* %slot14
  store i64 %v34, i64* %slot15
  %v35 = load i8*, i8** %slot7
  %v36 = load i64, i64* %slot8
  %v37 = load i64, i64* %slot9
  store i8* %v35, i8** %slot16
  store i64 %v36, i64* %slot17
  store i64 %v37, i64* %slot18
  %sreg38 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %idx39 = zext i32 %sreg38 to i64
  %sreg40 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %idx41 = zext i32 %sreg40 to i64
  %mul42 = mul i64 %idx39, %idx41
  %sreg43 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %idx44 = zext i32 %sreg43 to i64
  %add45 = add i64 %mul42, %idx44
  store i64 %add45, i64* %slot19
  %v46 = load i64, i64* %slot19
  %v47 = load i8*, i8** %slot16
  %v48 = load i64, i64* %slot17
  %v49 = load i64, i64* %slot18
  %cmp50 = icmp slt i64 %v46, %v48
  br i1 %cmp50, label %then51, label %else52
then51:
  %v54 = load i8*, i8** %slot16
  %v55 = load i64, i64* %slot17
  %v56 = load i64, i64* %slot18
  %v57 = load i64, i64* %slot19
  %v58 = load i8*, i8** %slot10
  %v59 = load i64, i64* %slot11
  %v60 = load i64, i64* %slot12
  %v61 = load i64, i64* %slot19
  %neg62 = icmp slt i64 %v61, 0
  %wrap63 = add i64 %v61, %v59
  %k64 = select i1 %neg62, i64 %wrap63, i64 %v61
  %oob65 = icmp uge i64 %k64, %v59
  br i1 %oob65, label %fail66, label %ok67, !prof !{!"branch_weights", i32 1, i32 2000}
fail66:
  %claim68 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won69 = extractvalue { i64, i1 } %claim68, 1
  br i1 %won69, label %record70, label %exit71
record70:
  %field72 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field72
  %field73 = getelementptr i64, i64* %err, i64 2
  store volatile i64 217, i64* %field73
  %field74 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v61, i64* %field74
  %field75 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field75
  %field76 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v59, i64* %field76
  br label %exit71
exit71:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok67:
  %term77 = mul i64 %k64, %v60
  %off78 = add i64 0, %term77
  %byte79 = getelementptr inbounds i8, i8* %v58, i64 %off78
  %elem80 = bitcast i8* %byte79 to float*
  %ld81 = load float, float* %elem80
  %v82 = load i8*, i8** %slot13
  %v83 = load i64, i64* %slot14
  %v84 = load i64, i64* %slot15
  %v85 = load i64, i64* %slot19
  %neg86 = icmp slt i64 %v85, 0
  %wrap87 = add i64 %v85, %v83
  %k88 = select i1 %neg86, i64 %wrap87, i64 %v85
  %oob89 = icmp uge i64 %k88, %v83
  br i1 %oob89, label %fail90, label %ok91, !prof !{!"branch_weights", i32 1, i32 2000}
fail90:
  %claim92 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won93 = extractvalue { i64, i1 } %claim92, 1
  br i1 %won93, label %record94, label %exit95
record94:
  %field96 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field96
  %field97 = getelementptr i64, i64* %err, i64 2
  store volatile i64 224, i64* %field97
  %field98 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v85, i64* %field98
  %field99 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field99
  %field100 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v83, i64* %field100
  br label %exit95
exit95:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok91:
  %term101 = mul i64 %k88, %v84
  %off102 = add i64 0, %term101
  %byte103 = getelementptr inbounds i8, i8* %v82, i64 %off102
  %elem104 = bitcast i8* %byte103 to float*
  %ld105 = load float, float* %elem104
  %add106 = fadd float %ld81, %ld105
  %neg107 = icmp slt i64 %v57, 0
  %wrap108 = add i64 %v57, %v55
  %k109 = select i1 %neg107, i64 %wrap108, i64 %v57
  %oob110 = icmp uge i64 %k109, %v55
  br i1 %oob110, label %fail111, label %ok112, !prof !{!"branch_weights", i32 1, i32 2000}
fail111:
  %claim113 = cmpxchg i64* %err, i64 0, i64 1 seq_cst seq_cst
  %won114 = extractvalue { i64, i1 } %claim113, 1
  br i1 %won114, label %record115, label %exit116
record115:
  %field117 = getelementptr i64, i64* %err, i64 1
  store volatile i64 0, i64* %field117
  %field118 = getelementptr i64, i64* %err, i64 2
  store volatile i64 208, i64* %field118
  %field119 = getelementptr i64, i64* %err, i64 3
  store volatile i64 %v57, i64* %field119
  %field120 = getelementptr i64, i64* %err, i64 4
  store volatile i64 0, i64* %field120
  %field121 = getelementptr i64, i64* %err, i64 5
  store volatile i64 %v55, i64* %field121
  br label %exit116
exit116:
  call void @llvm.nvvm.membar.gl()
  call void asm sideeffect "exit;", ""()
  unreachable
ok112:
  %term122 = mul i64 %k109, %v56
  %off123 = add i64 0, %term122
  %byte124 = getelementptr inbounds i8, i8* %v54, i64 %off123
  %elem125 = bitcast i8* %byte124 to float*
  store float %add106, float* %elem125
  br label %endif53
else52:
  br label %endif53
endif53:
  ret void
}

declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.membar.gl()

!nvvm.annotations = !{!0}
!0 = !{void (i8*, i64, i64, i8*, i64, i64, i8*, i64, i64, i64*)* @vector_add_0, !"kernel", i32 1}

